extern alias HelpServerHost;
extern alias WebAssemblyHost;

using System.Net;
using HelpServerHost::HelpWidget.Samples.Server;
using WebAssemblyHost::HelpWidget.Samples.WebAssembly;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The pair a WebAssembly app runs with, on real Kestrel at 127.0.0.1: the help server sample (the intranet sample's
/// knowledge base, tickets in a temporary SQLite file) and the WebAssembly sample, whose widget calls the help server
/// from Chromium (and from the host while it prerenders or runs an InteractiveAuto page's first visit). The sample's
/// runtime and assemblies are the client's build output (<c>_framework</c>), served by the host's static web assets.
/// </summary>
public class WebAssemblySampleFixture : IAsyncLifetime
{
    private static readonly string[] s_chromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("hw-wasm-");
    private WebApplicationFactory<HelpServer>? _helpServer;
    private WebApplicationFactory<WebAssemblySample>? _sample;
    private IPlaywright? _playwright;

    /// <summary>Gets the WebAssembly sample's address.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Gets the help server's address.</summary>
    public Uri HelpServerAddress { get; private set; } = default!;

    /// <summary>Gets the help server's services (its store, its knowledge provider).</summary>
    public IServiceProvider HelpServer => _helpServer!.Services;

    public IBrowser Browser { get; private set; } = default!;

    public string DatabasePath => Path.Combine(_data.FullName, "helpwidget.db");

    public virtual async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("HW_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium was not found at '{chromium}'. Run the README's test command, which installs it, or set HW_CHROMIUM.");
        }

        // The help server must know the sample's origin (CORS) before it starts, and the sample the server's address.
        var samplePort = FreePort.Next();
        var sampleOrigin = $"http://127.0.0.1:{samplePort}";
        _helpServer = new WebApplicationFactory<HelpServer>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("HelpWidget:Sqlite:ConnectionString", $"Data Source={DatabasePath}");
            builder.UseSetting("HelpWidget:WatchForChanges", "false");
            builder.UseSetting("HelpWidget:Api:AllowedOrigins:0", sampleOrigin);
            builder.UseSetting("HelpWidget:Api:AllowedOrigins:1", sampleOrigin);
        });
        _helpServer.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _helpServer.StartServer();
        HelpServerAddress = new Uri(_helpServer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        var sampleServer = await ServerForSampleAsync(HelpServerAddress);
        _sample = new WebApplicationFactory<WebAssemblySample>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("HelpWidget:Server", sampleServer.ToString());
            ConfigureSample(builder);
        });
        _sample.UseKestrel(options => options.Listen(IPAddress.Loopback, samplePort));
        _sample.StartServer();
        BaseUrl = _sample.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = s_chromiumArguments });
    }

    public virtual async ValueTask DisposeAsync()
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

    /// <summary>Counts the tickets in the help server's store with this subject (tests run in parallel: a subject keeps a count to one test).</summary>
    public async Task<long> CountTicketsAsync(string subject)
    {
        if (!File.Exists(DatabasePath))
        {
            return 0;
        }

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM tickets WHERE subject = $subject";
        command.Parameters.AddWithValue("$subject", subject);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Changes the WebAssembly sample's host (and so the browser's copy of its HelpWidget settings) after the shared settings.</summary>
    /// <param name="builder">The sample's web host builder.</param>
    protected virtual void ConfigureSample(IWebHostBuilder builder)
    {
    }

    /// <summary>The address the sample is given as its help server: the help server itself, unless a test puts something between them.</summary>
    /// <param name="helpServer">The help server's address.</param>
    protected virtual Task<Uri> ServerForSampleAsync(Uri helpServer) => Task.FromResult(helpServer);
}

/// <summary>The same pair with a <see cref="FaultProxy"/> between the sample and the help server.</summary>
public sealed class WebAssemblyFaultFixture : WebAssemblySampleFixture
{
    /// <summary>Gets the proxy the sample's widget reaches the help server through.</summary>
    public FaultProxy Proxy { get; private set; } = default!;

    public override async ValueTask DisposeAsync()
    {
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    // Short timeouts and probes, so that a stalled server is noticed, and its return seen, within seconds.
    protected override void ConfigureSample(IWebHostBuilder builder)
    {
        builder.UseSetting("HelpWidget:Http:AttemptTimeout", "00:00:01");
        builder.UseSetting("HelpWidget:Http:UploadAttemptTimeout", "00:00:02");
        builder.UseSetting("HelpWidget:Http:MaxRetryAttempts", "1");
        builder.UseSetting("HelpWidget:Http:ProbeInterval", "00:00:00.500");
        builder.UseSetting("HelpWidget:Http:MaxProbeInterval", "00:00:01");
    }

    protected override async Task<Uri> ServerForSampleAsync(Uri helpServer)
    {
        Proxy = await FaultProxy.StartAsync();
        Proxy.Target = helpServer;
        return Proxy.Address;
    }
}
