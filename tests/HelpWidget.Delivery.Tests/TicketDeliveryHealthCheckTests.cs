using HelpWidget.Sqlite;
using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Delivery.Tests;

/// <summary>The delivery health check through the health check service, on a fake clock, against the real SQLite outbox.</summary>
public sealed class TicketDeliveryHealthCheckTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly SqliteTestFolder _files = new("hw-health-");
    private readonly FakeTimeProvider _time = new(TestTickets.Create("clock").SubmittedAt);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task CheckHealth_NothingQueued_IsHealthyWithOneEntryPerConfiguredSink()
    {
        await using var provider = Services();

        var report = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(["smtp", "webhook"], report.Data.Keys.Order(StringComparer.Ordinal));
        var webhook = Assert.IsType<TicketQueueStatus>(report.Data[WebhookSinkOptions.SinkName]);
        Assert.Equal((0, 0, null, 0), (webhook.Pending, webhook.InFlight, webhook.OldestPendingSubmittedAt, webhook.DeadLetters));
    }

    [Fact]
    public async Task CheckHealth_OldestPendingAges_TurnsDegradedThenUnhealthyNamingTheSink()
    {
        await using var provider = Services();
        var store = provider.GetRequiredService<IHelpStore>();
        await store.SaveTicketAsync(TestTickets.Create("waiting"), Token);
        var outbox = provider.GetRequiredService<ITicketOutbox>();
        // The SMTP queue drains; only the webhook's ticket keeps waiting.
        await outbox.MarkDeliveredAsync((await outbox.ClaimNextAsync("smtp", Lease, Token)).Delivery!, Token);

        _time.Advance(TimeSpan.FromMinutes(5));
        var fresh = await CheckAsync(provider);
        _time.Advance(TimeSpan.FromSeconds(1));
        var degraded = await CheckAsync(provider);
        _time.Advance(TimeSpan.FromMinutes(25));
        var unhealthy = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Healthy, fresh.Status);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal("Sink 'webhook': 1 pending, the oldest submitted 00:05:01 ago (degraded after 00:05:00).", degraded.Description);
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        Assert.Equal("Sink 'webhook': 1 pending, the oldest submitted 00:30:01 ago (unhealthy after 00:30:00).", unhealthy.Description);
        var webhook = Assert.IsType<TicketQueueStatus>(unhealthy.Data["webhook"]);
        Assert.Equal((1, TestTickets.Create("x").SubmittedAt), (webhook.Pending, webhook.OldestPendingSubmittedAt));
        Assert.Equal(0, Assert.IsType<TicketQueueStatus>(unhealthy.Data["smtp"]).Pending);
    }

    [Theory]
    [InlineData(null, HealthStatus.Degraded)]
    [InlineData(HealthStatus.Unhealthy, HealthStatus.Unhealthy)]
    [InlineData(HealthStatus.Healthy, HealthStatus.Healthy)]
    public async Task CheckHealth_DeadLetter_ReportsTheConfiguredStatusAndCountsItInTheData(HealthStatus? configured, HealthStatus expected)
    {
        await using var provider = Services(options =>
        {
            if (configured is { } status)
            {
                options.DeadLetterStatus = status;
            }
        });
        await provider.GetRequiredService<IHelpStore>().SaveTicketAsync(TestTickets.Create("refused"), Token);
        var outbox = provider.GetRequiredService<ITicketOutbox>();
        await outbox.MarkFailedAsync((await outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!, "The webhook answered 400 Bad Request.", retryAt: null, Token);
        await outbox.MarkDeliveredAsync((await outbox.ClaimNextAsync("smtp", Lease, Token)).Delivery!, Token);

        var report = await CheckAsync(provider);

        Assert.Equal(expected, report.Status);
        Assert.Equal(1, Assert.IsType<TicketQueueStatus>(report.Data["webhook"]).DeadLetters);
        if (expected != HealthStatus.Healthy)
        {
            Assert.Equal("Sink 'webhook': 1 dead letter(s) wait for an operator (ITicketDeadLetters).", report.Description);
        }
    }

    [Fact]
    public async Task CheckHealth_StoreFails_IsUnhealthyWithTheStoresMessage()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<ITicketQueueView>(new FailingView());
        services.AddHealthChecks().AddTicketDeliveryHealthCheck();
        await using var provider = services.BuildServiceProvider();

        var report = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal("The delivery queue could not be read: Connection refused (127.0.0.1:5432).", report.Description);
        Assert.IsType<InvalidOperationException>(report.Exception);
    }

    [Fact]
    public async Task CheckHealth_StoreWithoutAQueue_IsUnhealthySayingWhichStoreToAdd()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHealthChecks().AddTicketDeliveryHealthCheck(name: "tickets", tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();

        var report = (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token)).Entries["tickets"];

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("AddSqliteStore()", report.Description, StringComparison.Ordinal);
        Assert.Equal(["ready"], report.Tags);
    }

    [Fact]
    public async Task Options_WrongThresholds_FailNamingEveryWrongValue()
    {
        await using var provider = Services(options =>
        {
            options.DegradedAfter = TimeSpan.FromSeconds(-1);
            options.UnhealthyAfter = TimeSpan.FromDays(8);
            options.DeadLetterStatus = (HealthStatus)7;
        });

        var error = Assert.Throws<OptionsValidationException>(() =>
            provider.GetRequiredService<IOptionsMonitor<TicketDeliveryHealthCheckOptions>>().Get(TicketDeliveryHealthChecksBuilderExtensions.DefaultName));

        Assert.Contains("DegradedAfter (-00:00:01) must be positive and no longer than UnhealthyAfter (8.00:00:00).", error.Message, StringComparison.Ordinal);
        Assert.Contains("UnhealthyAfter (8.00:00:00) must be 7 days or less.", error.Message, StringComparison.Ordinal);
        Assert.Contains("DeadLetterStatus (7) must be Unhealthy, Degraded or Healthy.", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Services(Action<TicketDeliveryHealthCheckOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ITicketSink>(new ScriptedSink(WebhookSinkOptions.SinkName));
        services.AddSingleton<ITicketSink>(new ScriptedSink("smtp"));
        services.AddHelpWidget().AddSqliteStore(options => options.ConnectionString = _files.ConnectionString);
        services.AddHealthChecks().AddTicketDeliveryHealthCheck(configure);
        return services.BuildServiceProvider();
    }

    private static async Task<HealthReportEntry> CheckAsync(IServiceProvider provider) =>
        (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token)).Entries[TicketDeliveryHealthChecksBuilderExtensions.DefaultName];

    private sealed class FailingView : ITicketQueueView
    {
        public Task<IReadOnlyList<TicketQueueStatus>> GetQueuesAsync(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Connection refused (127.0.0.1:5432).");
    }
}
