using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Delivery.Tests;

/// <summary>The webhook sink against a real Kestrel receiver on 127.0.0.1 that verifies every signature.</summary>
public sealed class WebhookTicketSinkTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 45, 0, TimeSpan.Zero));
    private WebhookReceiver _receiver = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _receiver.Clock = _time;
        _services = Services(_receiver.Url);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task DeliverAsync_PostsTheDocumentedBodyWithSignatureAndIdempotencyKey()
    {
        var screenshot = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        var ticket = TestTickets.Create("form-7f3a", [new TicketAttachment { FileName = "fel.png", ContentType = "image/png", Content = screenshot }]);
        string? idempotencyHeader = null;
        _receiver.BeforeCreate = request =>
        {
            idempotencyHeader = request.Headers["Idempotency-Key"];
            Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["X-HelpWidget-Timestamp"]);
            Assert.Equal("application/json; charset=utf-8", request.ContentType);
            return Task.FromResult(201);
        };

        await Sink().DeliverAsync(new TicketDelivery { Reference = "HW-000042", Submission = ticket, Attempt = 1 }, Token);

        Assert.Equal((0, "form-7f3a"), (_receiver.BadSignatures, idempotencyHeader));
        var body = _receiver.Case("form-7f3a");
        Assert.Equal(
            ["reference", "idempotencyKey", "subject", "description", "category", "fields", "name", "email", "language", "route", "context", "submittedAt", "attachments"],
            body.EnumerateObject().Select(property => property.Name));
        Assert.Equal("HW-000042", body.GetProperty("reference").GetString());
        Assert.Equal(ticket.Description, body.GetProperty("description").GetString());
        Assert.Equal("expenses", body.GetProperty("category").GetString());
        Assert.Equal("4410", body.GetProperty("fields").GetProperty("cost-centre").GetString());
        Assert.Equal("Nordhav Intranet 2.4", body.GetProperty("context").GetProperty("app").GetString());
        Assert.Equal("2026-11-23T09:30:00.0000000Z", body.GetProperty("submittedAt").GetString());
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray().ToList());
        Assert.Equal(("fel.png", "image/png", 3000), (attachment.GetProperty("fileName").GetString(), attachment.GetProperty("contentType").GetString(), attachment.GetProperty("size").GetInt32()));
        Assert.Equal(screenshot, attachment.GetProperty("content").GetBytesFromBase64());
    }

    [Fact]
    public async Task DeliverAsync_SameTicketTwice_SendsTheSameBodyAndKeySoTheReceiverCreatesOneCase()
    {
        var delivery = new TicketDelivery { Reference = "HW-000001", Submission = TestTickets.Create("twice"), Attempt = 1 };

        await Sink().DeliverAsync(delivery, Token);
        _time.Advance(TimeSpan.FromMinutes(1));
        await Sink().DeliverAsync(new TicketDelivery { Reference = delivery.Reference, Submission = delivery.Submission, Attempt = 2 }, Token);

        Assert.Equal((1, 1, 0), (_receiver.CaseCount, _receiver.Duplicates, _receiver.BadSignatures));
    }

    [Fact]
    public async Task DeliverAsync_ScriptInTheTicket_TravelsEscapedAsJsonData()
    {
        var ticket = TestTickets.Create("script");
        ticket = new TicketSubmission
        {
            IdempotencyKey = ticket.IdempotencyKey,
            Subject = "<script>alert(1)</script>",
            Description = "\"}, \"reference\": \"HW-999999",
            Name = ticket.Name,
            Email = ticket.Email,
            SubmittedAt = ticket.SubmittedAt,
        };
        await Sink().DeliverAsync(new TicketDelivery { Reference = "HW-000003", Submission = ticket, Attempt = 1 }, Token);

        Assert.DoesNotContain("<script>", Encoding.UTF8.GetString(_receiver.LastBody!), StringComparison.Ordinal);
        var body = _receiver.Case("script");
        Assert.Equal(("<script>alert(1)</script>", "HW-000003"), (body.GetProperty("subject").GetString(), body.GetProperty("reference").GetString()));
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(401, true)]
    [InlineData(404, true)]
    [InlineData(410, true)]
    [InlineData(422, true)]
    [InlineData(408, false)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    [InlineData(502, false)]
    [InlineData(503, false)]
    [InlineData(307, false)]
    public async Task DeliverAsync_ErrorStatus_FailsPermanentlyOnlyForClientErrorsOtherThan408And429(int status, bool permanent)
    {
        _receiver.BeforeCreate = _ => Task.FromResult(status);

        var error = await Assert.ThrowsAsync<TicketDeliveryException>(() => Sink().DeliverAsync(Delivery("status"), Token));

        Assert.Equal(permanent, error.IsPermanent);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Equal((1, 0), (_receiver.Requests, _receiver.CaseCount));
    }

    [Fact]
    public async Task DeliverAsync_ReceiverDown_FailsSoThatItIsTriedAgain()
    {
        var port = _receiver.Port;
        await _receiver.StopAsync();

        var error = await Assert.ThrowsAsync<TicketDeliveryException>(() => Sink().DeliverAsync(Delivery("down"), Token));

        Assert.False(error.IsPermanent);
        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
        Assert.Equal(port, _receiver.Port);
    }

    [Fact]
    public async Task DeliverAsync_ReceiverDoesNotAnswer_FailsAfterTheTimeoutSoThatItIsTriedAgain()
    {
        var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.BeforeCreate = _ => answer.Task;
        await using var services = Services(_receiver.Url, TimeSpan.FromSeconds(20));

        var attempt = services.GetRequiredService<ITicketSink>().DeliverAsync(Delivery("slow"), Token);
        await _receiver.WaitUntilAsync(receiver => receiver.Requests == 1, TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(20));
        var error = await Assert.ThrowsAsync<TicketDeliveryException>(() => attempt.WaitAsync(TimeSpan.FromSeconds(10), Token));
        answer.SetResult(200);

        Assert.False(error.IsPermanent);
        Assert.Contains("did not answer within 00:00:20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WebhookSignature_AnyChange_IsRejected()
    {
        var body = "{\"reference\":\"HW-000001\"}"u8.ToArray();
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = "sha256=" + WebhookPayload.Sign(WebhookReceiver.Secret, timestamp, body);
        var now = _time.GetUtcNow();

        Assert.True(WebhookSignature.Verify(WebhookReceiver.Secret, timestamp, signature, body, now));
        Assert.False(WebhookSignature.Verify(WebhookReceiver.Secret, timestamp, signature, "{\"reference\":\"HW-000002\"}"u8, now));
        Assert.False(WebhookSignature.Verify("another-secret-0123456789abcdef0123456789", timestamp, signature, body, now));
        Assert.False(WebhookSignature.Verify(WebhookReceiver.Secret, timestamp, signature, body, now.AddMinutes(6)));
        Assert.False(WebhookSignature.Verify(WebhookReceiver.Secret, "-1", signature, body, now));
        Assert.False(WebhookSignature.Verify(WebhookReceiver.Secret, timestamp, "sha256=zz", body, now));
        Assert.False(WebhookSignature.Verify(WebhookReceiver.Secret, timestamp, signature.ToUpperInvariant()[..^2], body, now));
        Assert.False(WebhookSignature.Verify(WebhookReceiver.Secret, null, null, body, now));
    }

    [Theory]
    [InlineData("ftp://help.example/tickets", WebhookReceiver.Secret, "must be an absolute http or https URL")]
    [InlineData("/tickets", WebhookReceiver.Secret, "must be an absolute http or https URL")]
    [InlineData("https://user:pass@help.example/tickets", WebhookReceiver.Secret, "must not carry a user name or password")]
    [InlineData("https://help.example/tickets", "too-short", "Secret has 9 characters; it needs at least 32")]
    [InlineData("https://help.example/tickets", null, "The webhook's Secret is required.")]
    [InlineData(null, WebhookReceiver.Secret, "The webhook's Url is required.")]
    public void AddWebhookSink_InvalidOptions_FailWithAMessageNamingTheProblem(string? url, string? secret, string message)
    {
        var services = new ServiceCollection();
        services.AddHelpWidget().AddWebhookSink(options =>
        {
            options.Url = url is null ? null : new Uri(url, UriKind.RelativeOrAbsolute);
            options.Secret = secret;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WebhookSinkOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookReceiver.Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWebhookSink_FromConfiguration_BindsUrlSecretAndTimeout()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Webhook:Url"] = "https://help.example/tickets",
                ["Webhook:Secret"] = WebhookReceiver.Secret,
                ["Webhook:Timeout"] = "00:00:15",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddHelpWidget().AddWebhookSink(configuration.GetSection("Webhook"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<WebhookSinkOptions>>().Value;

        Assert.Equal((new Uri("https://help.example/tickets"), WebhookReceiver.Secret, TimeSpan.FromSeconds(15)), (options.Url, options.Secret, options.Timeout));
        Assert.Equal("webhook", Assert.Single(provider.GetServices<ITicketSink>()).Name);
    }

    private static TicketDelivery Delivery(string key) => new() { Reference = "HW-000009", Submission = TestTickets.Create(key), Attempt = 1 };

    private ITicketSink Sink() => _services.GetRequiredService<ITicketSink>();

    private ServiceProvider Services(Uri url, TimeSpan? timeout = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddHelpWidget().AddWebhookSink(options =>
        {
            options.Url = url;
            options.Secret = WebhookReceiver.Secret;
            options.Timeout = timeout;
        });
        return services.BuildServiceProvider();
    }
}
