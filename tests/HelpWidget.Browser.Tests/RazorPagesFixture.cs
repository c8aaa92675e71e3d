extern alias HelpServerHost;
extern alias RazorPagesHost;

using System.Net;
using System.Security.Cryptography;
using HelpServerHost::HelpWidget.Samples.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RazorPagesHost::HelpWidget.Samples.RazorPages;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// A Razor Pages app and its help server on real Kestrel at 127.0.0.1, two origins: the help server sample (the intranet
/// sample's knowledge base, tickets in a temporary SQLite file, the embed) and the Razor Pages sample, whose tag helpers
/// put the help server's one tag on its pages. Chromium loads the pages from the app and the widget from the help server.
/// </summary>
public class RazorPagesFixture : IAsyncLifetime
{
    private static readonly string[] s_chromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("hw-razor-");

    // The key the sample signs its users' tokens with and the help server trusts it by: made for this run, never stored.
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private WebApplicationFactory<HelpServer>? _helpServer;
    private WebApplicationFactory<RazorPagesSample>? _sample;
    private IPlaywright? _playwright;

    /// <summary>Gets the Razor Pages sample's address.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Gets the help server's address.</summary>
    public Uri HelpServerAddress { get; private set; } = default!;

    /// <summary>Gets the help server's services (its store, its knowledge provider).</summary>
    public IServiceProvider HelpServer => _helpServer!.Services;

    public IBrowser Browser { get; private set; } = default!;

    public string DatabasePath => Path.Combine(_data.FullName, "helpwidget.db");

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("HW_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium was not found at '{chromium}'. Run the README's test command, which installs it, or set HW_CHROMIUM.");
        }

        // The help server must allow the app's origin (CORS, the circuit's WebSocket) before it starts.
        var samplePort = FreePort.Next();
        var sampleOrigin = $"http://127.0.0.1:{samplePort}";
        _helpServer = new WebApplicationFactory<HelpServer>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("HelpWidget:Sqlite:ConnectionString", $"Data Source={DatabasePath}");
            builder.UseSetting("HelpWidget:WatchForChanges", "false");
            builder.UseSetting("HelpWidget:Api:AllowedOrigins:0", sampleOrigin);
            builder.UseSetting("HelpWidget:Api:AllowedOrigins:1", sampleOrigin);

            // The intranet's contact form: the panel runs on the help server, so its contact options are the server's.
            builder.UseSetting("HelpWidget:Contact:Policy", "Always");
            builder.UseSetting("HelpWidget:Contact:Email", "servicedesk@nordhav.example");
            builder.UseSetting("HelpWidget:Contact:Categories:0:Key", "account");
            builder.UseSetting("HelpWidget:Contact:Categories:0:Label", "Account and password");
            builder.UseSetting("HelpWidget:Contact:Categories:1:Key", "hardware");
            builder.UseSetting("HelpWidget:Contact:Categories:1:Label", "Computer, phone or printer");

            // The sample is a trusted issuer: a signed-in person's token makes them known to the panel.
            builder.UseSetting("HelpWidget:Embed:Issuers:0:Issuer", sampleOrigin);
            builder.UseSetting("HelpWidget:Embed:Issuers:0:SigningKey", _signingKey);
            ConfigureHelpServer(builder, sampleOrigin);
        });
        _helpServer.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _helpServer.StartServer();
        HelpServerAddress = new Uri(_helpServer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        _sample = new WebApplicationFactory<RazorPagesSample>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("HelpWidget:Server", HelpServerAddress.ToString());
            builder.UseSetting("HelpWidget:Token:SigningKey", _signingKey);
            ConfigureSample(builder, HelpServerAddress);
        });
        _sample.UseKestrel(options => options.Listen(IPAddress.Loopback, samplePort));
        _sample.StartServer();
        BaseUrl = _sample.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = s_chromiumArguments });
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_sample is not null)
        {
            await _sample.DisposeAsync();
        }

        if (_helpServer is not null)
        {
            await _helpServer.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    /// <summary>Changes the help server's settings after the shared ones.</summary>
    /// <param name="builder">The help server's web host builder.</param>
    /// <param name="sampleOrigin">The Razor Pages sample's origin.</param>
    protected virtual void ConfigureHelpServer(IWebHostBuilder builder, string sampleOrigin)
    {
    }

    /// <summary>Changes the Razor Pages sample's settings after the shared ones.</summary>
    /// <param name="builder">The sample's web host builder.</param>
    /// <param name="helpServer">The help server's address.</param>
    protected virtual void ConfigureSample(IWebHostBuilder builder, Uri helpServer)
    {
    }
}
