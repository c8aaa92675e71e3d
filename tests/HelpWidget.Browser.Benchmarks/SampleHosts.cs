extern alias HelpServerHost;
extern alias WebAssemblyHost;

using System.Net;
using System.Net.Sockets;
using HelpServerHost::HelpWidget.Samples.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WebAssemblyHost::HelpWidget.Samples.WebAssembly;

namespace HelpWidget.Browser.Benchmarks;

/// <summary>
/// The app a benchmark types into, on Kestrel at 127.0.0.1 in the Production environment: the intranet sample (the
/// engine in-process), the WebAssembly sample with the help server sample it calls from the browser, or the help server
/// sample with the static demo page (one script tag) on a second origin.
/// </summary>
internal sealed class SampleHosts : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _hosts = [];

    private SampleHosts()
    {
    }

    /// <summary>Gets the address of the app the browser opens.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Gets the services of the app that runs the engine (its knowledge provider answers the searches).</summary>
    public IServiceProvider Engine { get; private set; } = default!;

    public static Task<SampleHosts> StartIntranetAsync(DirectoryInfo data) => StartIntranetAsync(data, new Dictionary<string, string>());

    /// <summary>
    /// Starts the intranet sample with configuration overrides, as <c>--Key=value</c> on its command line would set them.
    /// The <c>HelpWidget:Insights</c> section is bound to the insights options (the sample may not bind it itself), and the
    /// demo data is off, so that a month of simulated events is not written while the benchmark types. A counting sink
    /// beside the store tells the compare mode how many events the sample stored.
    /// </summary>
    public static Task<SampleHosts> StartIntranetAsync(DirectoryInfo data, IReadOnlyDictionary<string, string> settings)
    {
        var intranet = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("HelpWidget:Sqlite:ConnectionString", $"Data Source={DatabasePath(data)}");
            builder.UseSetting("HelpWidget:Insights:DemoData", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // With meaning-aware search on, the articles' vectors are kept beside the store, not in the sample's folder.
            builder.UseSetting("HelpWidget:Lucene:Semantic:VectorCachePath", Path.Combine(data.FullName, "vectors"));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services =>
            {
                services.AddOptions<HelpInsightsOptions>().BindConfiguration("HelpWidget:Insights");
                services.AddSingleton<IHelpEventSink, CountingSink>();
            });
        });
        var hosts = new SampleHosts();
        hosts.BaseUrl = Start(hosts, intranet, 0);
        hosts.Engine = intranet.Services;
        return Task.FromResult(hosts);
    }

    public static Task<SampleHosts> StartWebAssemblyAsync(DirectoryInfo data)
    {
        // The help server allows the sample's origin (CORS), so the sample's port is chosen first.
        var samplePort = FreePort();
        var helpServer = new WebApplicationFactory<HelpServer>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("HelpWidget:Sqlite:ConnectionString", $"Data Source={Path.Combine(data.FullName, "helpwidget.db")}");
            builder.UseSetting("HelpWidget:WatchForChanges", "false");
            builder.UseSetting("HelpWidget:Api:AllowedOrigins:0", $"http://127.0.0.1:{samplePort}");
            builder.UseSetting("HelpWidget:Api:AllowedOrigins:1", $"http://127.0.0.1:{samplePort}");
            // Typing key by key is many searches a minute from one address: more than the sample's per-caller limit.
            builder.UseSetting("HelpWidget:Api:SearchPermitLimit", "100000");
            builder.UseSetting("HelpWidget:Api:EventPermitLimit", "100000");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");

            // Counts the insight events the browser's widget sends (POST events) and the help server stores.
            builder.ConfigureServices(services => services.AddSingleton<IHelpEventSink, CountingSink>());
        });
        var hosts = new SampleHosts();
        var helpServerUrl = Start(hosts, helpServer, 0);
        hosts.Engine = helpServer.Services;

        var sample = new WebApplicationFactory<WebAssemblySample>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("HelpWidget:Server", helpServerUrl);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        hosts.BaseUrl = Start(hosts, sample, samplePort);
        return Task.FromResult(hosts);
    }

    /// <summary>
    /// Starts the help server sample and, on a second origin that the help server allows, the static demo page
    /// (<c>samples/static</c>) with <c>{HELP_SERVER}</c> replaced by the help server's origin and the strict
    /// Content-Security-Policy the embed promises to work under. <see cref="BaseUrl"/> is the demo page's origin.
    /// </summary>
    public static async Task<SampleHosts> StartEmbedAsync(DirectoryInfo data)
    {
        var pagePort = FreePort();
        var pageOrigin = $"http://127.0.0.1:{pagePort}";
        var helpServer = new WebApplicationFactory<HelpServer>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("HelpWidget:Sqlite:ConnectionString", $"Data Source={Path.Combine(data.FullName, "helpwidget.db")}");
            builder.UseSetting("HelpWidget:WatchForChanges", "false");
            // The sample's own demo page listens on a fixed port; here the page gets its own server on a free one.
            builder.UseSetting("DemoPage", string.Empty);
            builder.UseSetting("HelpWidget:Api:AllowedOrigins:0", pageOrigin);
            builder.UseSetting("HelpWidget:Api:AllowedOrigins:1", pageOrigin);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        var hosts = new SampleHosts();
        var helpServerUrl = Start(hosts, helpServer, 0);
        hosts.Engine = helpServer.Services;
        hosts.HelpServerOrigin = new Uri(helpServerUrl).GetLeftPart(UriPartial.Authority);

        var pages = DemoPages.Create(pagePort, hosts.HelpServerOrigin);
        hosts._hosts.Add(pages);
        await pages.StartAsync();
        hosts.BaseUrl = pageOrigin;
        return hosts;
    }

    /// <summary>The SQLite file a sample started on <paramref name="data"/> keeps its tickets and insight events in.</summary>
    public static string DatabasePath(DirectoryInfo data) => Path.Combine(data.FullName, "helpwidget.db");

    /// <summary>Gets the help server's origin when the demo page embeds it (<see cref="StartEmbedAsync"/>).</summary>
    public string HelpServerOrigin { get; private set; } = string.Empty;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }
    }

    private static string Start<T>(SampleHosts hosts, WebApplicationFactory<T> factory, int port)
        where T : class
    {
        hosts._hosts.Add(factory);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        return factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
