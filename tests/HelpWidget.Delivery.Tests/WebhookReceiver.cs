using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Delivery.Tests;

/// <summary>
/// A help desk's webhook endpoint on Kestrel at 127.0.0.1: it verifies each request's signature, creates one case
/// per idempotency key (answering 200 to repeats without creating anything) and remembers the order of the cases.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "test-secret-0123456789abcdef0123456789abcdef";

    private readonly object _gate = new();
    private readonly Dictionary<string, JsonElement> _cases = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly List<(string Key, string Instance)> _deliveries = [];
    private readonly ConditionSignal _changed = new();
    private WebApplication? _app;

    private WebhookReceiver(int port) => Port = port;

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}/tickets");

    /// <summary>Gets or sets the status answered before a case is created; a status other than 2xx creates nothing.</summary>
    public Func<HttpRequest, Task<int>>? BeforeCreate { get; set; }

    /// <summary>Gets or sets what runs after a case is created and before the answer is sent.</summary>
    /// <remarks>It receives the number of cases created so far and the request that created this one.</remarks>
    public Func<int, HttpRequest, Task>? AfterCreate { get; set; }

    public int Requests { get; private set; }

    /// <summary>Gets the raw body of the last request.</summary>
    public byte[]? LastBody { get; private set; }

    /// <summary>Gets the number of requests that repeated an idempotency key whose case already existed.</summary>
    public int Duplicates { get; private set; }

    public int BadSignatures { get; private set; }

    /// <summary>Gets every signed request's idempotency key and the <c>instance</c> query value of its URL, in arrival order.</summary>
    public IReadOnlyList<(string Key, string Instance)> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public int CaseCount
    {
        get
        {
            lock (_gate)
            {
                return _order.Count;
            }
        }
    }

    /// <summary>Gets the idempotency keys of the created cases, in the order they were created.</summary>
    public IReadOnlyList<string> CaseOrder
    {
        get
        {
            lock (_gate)
            {
                return [.. _order];
            }
        }
    }

    public JsonElement Case(string idempotencyKey)
    {
        lock (_gate)
        {
            return _cases[idempotencyKey];
        }
    }

    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var receiver = new WebhookReceiver(port);
        await receiver.StartAsync();
        return receiver;
    }

    /// <summary>Starts listening again, on the same port, keeping the cases created so far.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/tickets", HandleAsync);
        await app.StartAsync();
        Port = new Uri(app.Urls.Single()).Port;
        _app = app;
    }

    /// <summary>Stops listening: connections are refused until <see cref="StartAsync()"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public Task WaitUntilAsync(Func<WebhookReceiver, bool> condition, TimeSpan timeout) =>
        _changed.WaitUntilAsync(() => condition(this), timeout);

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        try
        {
            lock (_gate)
            {
                Requests++;
                LastBody = body;
            }

            _changed.Pulse();

            if (!WebhookSignature.Verify(Secret, request.Headers["X-HelpWidget-Timestamp"], request.Headers["X-HelpWidget-Signature"], body, Clock.GetUtcNow()))
            {
                lock (_gate)
                {
                    BadSignatures++;
                }

                return Results.Unauthorized();
            }

            var status = BeforeCreate is { } before ? await before(request) : 200;
            if (status is < 200 or > 299)
            {
                return Results.StatusCode(status);
            }

            string key = request.Headers["Idempotency-Key"]!;
            int count;
            lock (_gate)
            {
                _deliveries.Add((key, request.Query["instance"].ToString()));
                if (_cases.ContainsKey(key))
                {
                    Duplicates++;
                    return Results.Ok();
                }

                _cases[key] = JsonDocument.Parse(body).RootElement.Clone();
                _order.Add(key);
                count = _order.Count;
            }

            _changed.Pulse();
            if (AfterCreate is { } after)
            {
                await after(count, request);
            }

            return Results.StatusCode(status);
        }
        finally
        {
            _changed.Pulse();
        }
    }
}
