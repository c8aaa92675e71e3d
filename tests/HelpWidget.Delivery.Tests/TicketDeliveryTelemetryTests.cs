using System.Diagnostics;
using HelpWidget.Sqlite;
using HelpWidget.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Delivery.Tests;

/// <summary>What the dispatcher measures and traces. Alone: it counts the engine's static meters.</summary>
[Collection(nameof(TicketDeliveryTelemetryTests))]
[CollectionDefinition(nameof(TicketDeliveryTelemetryTests), DisableParallelization = true)]
public sealed class TicketDeliveryTelemetryTests : IDisposable
{
    private readonly SqliteTestFolder _files = new("hw-delivery-telemetry-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedSink _sink = new();
    private readonly SqliteHelpStore _store;
    private readonly TicketDeliveryOptions _options = new() { MaxAttempts = 3, InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10), PollInterval = TimeSpan.FromMinutes(1) };

    public TicketDeliveryTelemetryTests()
    {
        _store = new SqliteHelpStore(Options.Create(new SqliteStoreOptions { ConnectionString = _files.ConnectionString }), sinks: [_sink], timeProvider: _time);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _store.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Attempts_AreCountedByOutcome_TimedOnTheClock_AndTraced_RetriesAndDeadLettersCounted()
    {
        using var deliveries = new MetricCollector<long>(null, "HelpWidget", "helpwidget.ticket.deliveries");
        using var retries = new MetricCollector<long>(null, "HelpWidget", "helpwidget.ticket.delivery.retries");
        using var dead = new MetricCollector<long>(null, "HelpWidget", "helpwidget.ticket.dead_letters");
        using var duration = new MetricCollector<double>(null, "HelpWidget", "helpwidget.ticket.delivery.duration");
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "HelpWidget",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        _sink.OnDeliver = async (delivery, _) =>
        {
            // The sink takes two seconds on the test's clock, then fails the ticket "a" every time.
            _time.Advance(TimeSpan.FromSeconds(2));
            await Task.Yield();
            if (delivery.IdempotencyKey == "a")
            {
                throw new TicketDeliveryException("HTTP 503");
            }
        };
        var dispatcher = new TicketDispatcher([_sink], Options.Create(_options), _time, NullLogger<TicketDispatcher>.Instance, _store);
        await _store.SaveTicketAsync(TestTickets.Create("a"), Token);
        await _store.SaveTicketAsync(TestTickets.Create("b"), Token);

        for (var step = 0; step < 20 && await dispatcher.DeliverNextAsync(_sink, Token) is var wait && wait != _options.PollInterval; step++)
        {
            _time.Advance(wait);
        }

        var outcomes = deliveries.GetMeasurementSnapshot().Select(m => (string)m.Tags["helpwidget.outcome"]!).ToList();
        Assert.Equal(["failed", "failed", "failed", "delivered"], outcomes);
        Assert.All(deliveries.GetMeasurementSnapshot(), m => Assert.Equal("itsm", m.Tags["helpwidget.sink"]));
        Assert.Equal(2, retries.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, dead.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(duration.GetMeasurementSnapshot(), m => Assert.Equal(2.0, m.Value));
        Activity[] attempts;
        lock (spans)
        {
            attempts = [.. spans.Where(s => s.OperationName == "helpwidget.ticket.deliver")];
        }

        Assert.Equal([1, 2, 3, 1], attempts.Select(a => (int)a.GetTagItem("helpwidget.ticket.attempt")!));
        Assert.Equal(3, attempts.Count(a => a.Status == ActivityStatusCode.Error));
    }
}
