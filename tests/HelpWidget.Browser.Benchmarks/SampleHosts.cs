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
/// engine in-process), or the WebAssembly sample with the help server sample it calls from the browser.
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

    public static Task<SampleHosts> StartIntranetAsync(DirectoryInfo data)
    {
        var intranet = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("HelpWidget:Sqlite:ConnectionString", $"Data Source={Path.Combine(data.FullName, "helpwidget.db")}");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
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
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
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
