using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Browser.Tests;

/// <summary>How the <see cref="FaultProxy"/> answers.</summary>
public enum ProxyMode
{
    /// <summary>Passes every request to the help server and its answer back.</summary>
    Forward,

    /// <summary>Nothing listens on the port: connections are refused, as when the help server is down.</summary>
    Stopped,

    /// <summary>Accepts requests and never answers them, as an overloaded or hung server.</summary>
    Stalled,

    /// <summary>
    /// Answers every request with 500, as a help server whose API fails; readable by the page (with the CORS headers the
    /// help server would send), and CORS preflights still pass, so the client sees the 500 itself.
    /// </summary>
    Failing,
}

/// <summary>
/// A reverse proxy on 127.0.0.1 (Kestrel in the test process) between an app and the help server, which a test switches
/// to stopped, stalled or failing while the app is in use, and back.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> s_hopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly CancellationTokenSource _stalls = new();
    private readonly int _port;
    private WebApplication? _app;
    private volatile ProxyMode _mode = ProxyMode.Forward;
    private int _stalledRequests;

    private FaultProxy(int port) => _port = port;

    /// <summary>Gets the proxy's address, the one the app is given as its help server.</summary>
    public Uri Address => new($"http://127.0.0.1:{_port}/");

    /// <summary>Gets or sets the help server the proxy forwards to.</summary>
    public Uri? Target { get; set; }

    /// <summary>Gets how the proxy answers now.</summary>
    public ProxyMode Mode => _mode;

    /// <summary>Gets the number of requests the proxy has held without an answer while stalled.</summary>
    public int StalledRequests => Volatile.Read(ref _stalledRequests);

    /// <summary>Starts a proxy on a free port of 127.0.0.1.</summary>
    public static async Task<FaultProxy> StartAsync()
    {
        var proxy = new FaultProxy(FreePort.Next());
        await proxy.ListenAsync();
        return proxy;
    }

    /// <summary>Switches how the proxy answers; <see cref="ProxyMode.Stopped"/> closes its port, any other mode opens it again.</summary>
    public async Task SwitchAsync(ProxyMode mode)
    {
        _mode = mode;
        if (mode == ProxyMode.Stopped && _app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
        else if (mode != ProxyMode.Stopped && _app is null)
        {
            await ListenAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stalls.CancelAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _upstream.Dispose();
        _stalls.Dispose();
    }

    private async Task ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        _app = app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        switch (_mode)
        {
            case ProxyMode.Failing when !HttpMethods.IsOptions(context.Request.Method):
                if (context.Request.Headers.Origin is [{ } origin])
                {
                    context.Response.Headers.AccessControlAllowOrigin = origin;
                    context.Response.Headers.AccessControlAllowCredentials = "true";
                }

                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            case ProxyMode.Stalled:
                Interlocked.Increment(ref _stalledRequests);
                // Held until the client gives up (its timeout) or the proxy is disposed; never answered.
                using (var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stalls.Token))
                {
                    await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                context.Abort();
                return;
            default:
                await ForwardAsync(context);
                return;
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var target = Target ?? throw new InvalidOperationException("The proxy has no target.");
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(target, context.Request.Path + context.Request.QueryString));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (s_hopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!s_hopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}

/// <summary>Free TCP ports on 127.0.0.1, for servers whose address another server must know before they start.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
