using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(HelpWidget.Browser.Tests.SampleAppFixture))]

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The intranet sample on real Kestrel at 127.0.0.1 with its own SQLite file, and Debian's Chromium driven by Playwright.
/// A test class that needs the sample set up otherwise derives from it and overrides <see cref="ConfigureHost"/>.
/// </summary>
public class SampleAppFixture : IAsyncLifetime
{
    private static readonly string[] s_chromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("hw-browser-");
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = default!;

    public string DatabasePath => Path.Combine(_data.FullName, "helpwidget.db");

    /// <summary>Gets the folder the sample reads announcements from: a copy of the sample's own, so tests can add more.</summary>
    public string AnnouncementsPath => Path.Combine(_data.FullName, "Announcements");

    public IServiceProvider Services => _factory!.Services;

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("HW_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium was not found at '{chromium}'. Run the README's test command, which installs it, or set HW_CHROMIUM.");
        }

        CopyDirectory(Path.Combine(SampleDirectory(), "Announcements"), AnnouncementsPath);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("HelpWidget:AnnouncementsPath", AnnouncementsPath);
            builder.UseEnvironment("Development");
            builder.UseSetting("HelpWidget:Sqlite:ConnectionString", $"Data Source={DatabasePath}");

            // The store's signals are read again after a second instead of a minute, so a test sees what search learned.
            builder.UseSetting("HelpWidget:Lucene:SignalsRefreshInterval", "00:00:01");
            ConfigureHost(builder);
        });
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

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
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    /// <summary>Changes the sample's host after the settings every browser test shares.</summary>
    /// <param name="builder">The sample's web host builder.</param>
    protected virtual void ConfigureHost(IWebHostBuilder builder)
    {
    }

    private static string SampleDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var sample = Path.Combine(directory.FullName, "samples", "HelpWidget.Samples.Intranet");
            if (Directory.Exists(sample))
            {
                return sample;
            }
        }

        throw new InvalidOperationException("The sample's folder was not found above " + AppContext.BaseDirectory);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Counts the stored tickets, all of them or those with a subject (tests run in parallel: a subject keeps a count to one test).</summary>
    public async Task<long> CountTicketsAsync(string? subject = null)
    {
        if (!File.Exists(DatabasePath))
        {
            return 0;
        }

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = subject is null ? "SELECT COUNT(*) FROM tickets" : "SELECT COUNT(*) FROM tickets WHERE subject = $subject";
        command.Parameters.AddWithValue("$subject", (object?)subject ?? DBNull.Value);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
