using HelpWidget.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using HelpWidget.Sqlite;

namespace HelpWidget.Delivery.Tests;

/// <summary>The dispatcher's decisions, step by step on a fake clock, against the real SQLite outbox.</summary>
public sealed class TicketDispatcherTests : IDisposable
{
    private readonly SqliteTestFolder _files = new("hw-dispatch-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedSink _sink = new();
    private readonly SqliteHelpStore _store;
    private readonly TicketDeliveryOptions _options = new()
    {
        MaxAttempts = 5,
        InitialDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(60),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        LeaseDuration = TimeSpan.FromSeconds(30),
        PollInterval = TimeSpan.FromMinutes(1),
    };

    public TicketDispatcherTests()
    {
        _store = new SqliteHelpStore(
            Options.Create(new SqliteStoreOptions { ConnectionString = _files.ConnectionString }),
            sinks: [_sink],
            timeProvider: _time);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _store.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task DeliverNextAsync_SinkAccepts_DeliversInSubmissionOrderThenWaitsThePollInterval()
    {
        var dispatcher = Dispatcher();
        await SaveAsync("a", "b");

        Assert.Equal(TimeSpan.Zero, await dispatcher.DeliverNextAsync(_sink, Token));
        Assert.Equal(TimeSpan.Zero, await dispatcher.DeliverNextAsync(_sink, Token));
        Assert.Equal(_options.PollInterval, await dispatcher.DeliverNextAsync(_sink, Token));

        Assert.Equal([("a", 1), ("b", 1)], _sink.Attempts);
    }

    [Fact]
    public async Task DeliverNextAsync_SinkKeepsFailing_WaitsGrowExponentiallyWithJitterWithinBounds()
    {
        _options.MaxAttempts = 12;
        _sink.OnDeliver = (_, _) => throw new HttpRequestException("Connection refused");
        var dispatcher = Dispatcher();
        await SaveAsync("a");

        var ratios = new List<double>();
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            await dispatcher.DeliverNextAsync(_sink, Token);
            var wait = await dispatcher.DeliverNextAsync(_sink, Token);

            var ceiling = DeliveryBackoff.Ceiling(attempt, _options.InitialDelay, _options.MaxDelay);
            // The store keeps whole milliseconds, so the wait may be up to 1 ms under the exact draw.
            Assert.InRange(wait, (ceiling / 2) - TimeSpan.FromMilliseconds(1), ceiling);
            ratios.Add(wait / ceiling);
            _time.Advance(wait);
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(n => ("a", n)), _sink.Attempts);
        Assert.True(ratios.Distinct().Count() > 1, "Every wait was the same fraction of its ceiling: there is no jitter.");
    }

    [Fact]
    public async Task DeliverNextAsync_FailingHead_HoldsBackLaterTicketsSoOrderSurvives()
    {
        var failuresLeft = 2;
        _sink.OnDeliver = (delivery, _) => delivery.IdempotencyKey == "a" && failuresLeft-- > 0
            ? throw new TicketDeliveryException("HTTP 503")
            : Task.CompletedTask;
        var dispatcher = Dispatcher();
        await SaveAsync("a", "b", "c");

        await RunUntilIdleAsync(dispatcher);

        Assert.Equal([("a", 1), ("a", 2), ("a", 3), ("b", 1), ("c", 1)], _sink.Attempts);
    }

    [Fact]
    public async Task DeliverNextAsync_FailsMaxAttemptsTimes_BecomesDeadLetterAndIsSkipped()
    {
        _sink.OnDeliver = (delivery, _) => delivery.IdempotencyKey == "a" ? throw new TicketDeliveryException("HTTP 500 Internal Server Error") : Task.CompletedTask;
        var dispatcher = Dispatcher();
        var receipts = await SaveAsync("a", "b");

        await RunUntilIdleAsync(dispatcher);

        Assert.Equal([("a", 1), ("a", 2), ("a", 3), ("a", 4), ("a", 5), ("b", 1)], _sink.Attempts);
        var letter = Assert.Single(await _store.GetDeadLettersAsync(cancellationToken: Token));
        Assert.Equal((receipts[0].Reference, "itsm", 5, "HTTP 500 Internal Server Error"), (letter.Reference, letter.SinkName, letter.Attempts, letter.LastError));
    }

    [Fact]
    public async Task DeliverNextAsync_PermanentFailure_BecomesDeadLetterAtOnce()
    {
        _sink.OnDeliver = (_, _) => throw new TicketDeliveryException("HTTP 422 Unprocessable Entity") { IsPermanent = true };
        var dispatcher = Dispatcher();
        await SaveAsync("a");

        await dispatcher.DeliverNextAsync(_sink, Token);

        Assert.Equal(1, Assert.Single(await _store.GetDeadLettersAsync(cancellationToken: Token)).Attempts);
        Assert.Equal(_options.PollInterval, await dispatcher.DeliverNextAsync(_sink, Token));
    }

    [Fact]
    public async Task RetryAsync_DeadLetter_IsDeliveredAgainWithFreshAttemptsBeforeLaterTickets()
    {
        var accept = false;
        _sink.OnDeliver = (delivery, _) => accept || delivery.IdempotencyKey != "a" ? Task.CompletedTask : throw new TicketDeliveryException("HTTP 404") { IsPermanent = true };
        var dispatcher = Dispatcher();
        var operators = new TicketDeadLetters(NullLogger<TicketDeadLetters>.Instance, _store);
        var receipts = await SaveAsync("a", "b");
        await dispatcher.DeliverNextAsync(_sink, Token);

        accept = true;
        Assert.False(await operators.RetryAsync("HW-999999", "itsm", Token));
        Assert.True(await operators.RetryAsync(receipts[0].Reference, "itsm", Token));
        await SaveAsync("c");
        await RunUntilIdleAsync(dispatcher);

        Assert.Equal([("a", 1), ("a", 1), ("b", 1), ("c", 1)], _sink.Attempts);
        Assert.Empty(await operators.GetAsync(cancellationToken: Token));
    }

    [Fact]
    public async Task RetryAllAsync_QueuesEveryDeadLetterOfTheSink()
    {
        _sink.OnDeliver = (_, _) => throw new TicketDeliveryException("HTTP 400") { IsPermanent = true };
        var dispatcher = Dispatcher();
        var operators = new TicketDeadLetters(NullLogger<TicketDeadLetters>.Instance, _store);
        await SaveAsync("a", "b", "c");
        await RunUntilIdleAsync(dispatcher);

        Assert.Equal(0, await operators.RetryAllAsync("other", Token));
        Assert.Equal(3, await operators.RetryAllAsync("itsm", Token));
        Assert.Empty(await operators.GetAsync(cancellationToken: Token));
    }

    [Fact]
    public async Task DeliverNextAsync_SinkHangs_IsCancelledAfterTheAttemptTimeoutAndRetried()
    {
        _sink.OnDeliver = (_, cancellationToken) => Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        var dispatcher = Dispatcher();
        await SaveAsync("a");

        var attempt = dispatcher.DeliverNextAsync(_sink, Token);
        await _sink.Attempted.WaitUntilAsync(() => !_sink.Attempts.IsEmpty, TimeSpan.FromSeconds(10));
        Assert.False(attempt.IsCompleted);
        _time.Advance(_options.AttemptTimeout);
        await attempt.WaitAsync(TimeSpan.FromSeconds(10), Token);

        var wait = await dispatcher.DeliverNextAsync(_sink, Token);
        Assert.InRange(wait, TimeSpan.FromMilliseconds(499), _options.InitialDelay);
        _time.Advance(wait);
        _sink.OnDeliver = (_, _) => Task.CompletedTask;
        await dispatcher.DeliverNextAsync(_sink, Token);
        Assert.Equal([("a", 1), ("a", 2)], _sink.Attempts);
    }

    [Fact]
    public async Task DeliverNextAsync_ClaimOfAStoppedProcess_IsTakenOverWhenItsLeaseExpires()
    {
        var dispatcher = Dispatcher();
        await SaveAsync("a", "b");
        var crashed = (await _store.ClaimNextAsync("itsm", _options.LeaseDuration, Token)).Delivery!;

        var wait = await dispatcher.DeliverNextAsync(_sink, Token);
        _time.Advance(wait);
        await RunUntilIdleAsync(dispatcher);

        Assert.Equal(_options.LeaseDuration, wait);
        Assert.Equal(1, crashed.Delivery.Attempt);
        Assert.Equal([("a", 2), ("b", 1)], _sink.Attempts);
    }

    [Fact]
    public async Task DeliverNextAsync_EveryAttemptLeftUnfinished_BecomesDeadLetterWithoutAnotherTry()
    {
        _options.MaxAttempts = 2;
        var dispatcher = Dispatcher();
        await SaveAsync("a");
        for (var crash = 0; crash < 2; crash++)
        {
            Assert.NotNull((await _store.ClaimNextAsync("itsm", _options.LeaseDuration, Token)).Delivery);
            _time.Advance(_options.LeaseDuration);
        }

        await dispatcher.DeliverNextAsync(_sink, Token);

        Assert.Empty(_sink.Attempts);
        Assert.Contains("stopped during each of the 2 attempts", Assert.Single(await _store.GetDeadLettersAsync(cancellationToken: Token)).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatcher_TicketSaved_WakesAtOnceWithoutPolling()
    {
        var delivered = new ConditionSignal();
        _sink.OnDeliver = (_, _) =>
        {
            delivered.Pulse();
            return Task.CompletedTask;
        };
        var outbox = new CountingOutbox(_store);
        var dispatcher = Dispatcher(outbox);
        await dispatcher.StartAsync(Token);
        try
        {
            // The fake clock never moves, so only the wake-up on save can deliver these tickets.
            foreach (var key in new[] { "a", "b", "c" })
            {
                await SaveAsync(key);
                await delivered.WaitUntilAsync(() => _sink.Attempts.Any(attempt => attempt.Key == key), TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            await dispatcher.StopAsync(Token);
        }

        Assert.Equal(["a", "b", "c"], _sink.Attempts.Select(attempt => attempt.Key));
        Assert.InRange(outbox.Claims, 3, 12);
    }

    private TicketDispatcher Dispatcher(ITicketOutbox? outbox = null) =>
        new([_sink], Options.Create(_options), _time, NullLogger<TicketDispatcher>.Instance, outbox ?? _store);

    private async Task<List<TicketReceipt>> SaveAsync(params string[] keys)
    {
        var receipts = new List<TicketReceipt>();
        foreach (var key in keys)
        {
            receipts.Add(await _store.SaveTicketAsync(TestTickets.Create(key), Token));
        }

        return receipts;
    }

    /// <summary>Runs the dispatcher's steps, moving the fake clock over each wait, until the queue is empty.</summary>
    private async Task RunUntilIdleAsync(TicketDispatcher dispatcher)
    {
        for (var step = 0; step < 100; step++)
        {
            var wait = await dispatcher.DeliverNextAsync(_sink, Token);
            if (wait == _options.PollInterval)
            {
                return;
            }

            _time.Advance(wait);
        }

        Assert.Fail("The queue did not empty within 100 steps.");
    }

    private sealed class CountingOutbox(ITicketOutbox inner) : ITicketOutbox
    {
        private int _claims;

        public event EventHandler? DeliveriesQueued
        {
            add => inner.DeliveriesQueued += value;
            remove => inner.DeliveriesQueued -= value;
        }

        public int Claims => Volatile.Read(ref _claims);

        public Task<TicketOutboxClaim> ClaimNextAsync(string sinkName, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _claims);
            return inner.ClaimNextAsync(sinkName, leaseDuration, cancellationToken);
        }

        public Task<bool> MarkDeliveredAsync(ClaimedTicketDelivery delivery, CancellationToken cancellationToken = default) => inner.MarkDeliveredAsync(delivery, cancellationToken);

        public Task<bool> MarkFailedAsync(ClaimedTicketDelivery delivery, string failure, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
            inner.MarkFailedAsync(delivery, failure, retryAt, cancellationToken);

        public Task<IReadOnlyList<TicketDeadLetter>> GetDeadLettersAsync(int maxCount = 100, CancellationToken cancellationToken = default) => inner.GetDeadLettersAsync(maxCount, cancellationToken);

        public Task<int> RetryDeadLettersAsync(string? reference = null, string? sinkName = null, CancellationToken cancellationToken = default) =>
            inner.RetryDeadLettersAsync(reference, sinkName, cancellationToken);

        public Task<IReadOnlyList<StoredTicket>> GetTicketsAsync(int skip, int take, CancellationToken cancellationToken = default) => inner.GetTicketsAsync(skip, take, cancellationToken);

        public Task<bool> ReleaseAsync(ClaimedTicketDelivery delivery, CancellationToken cancellationToken = default) => inner.ReleaseAsync(delivery, cancellationToken);

        public Task<IReadOnlyList<TicketQueueStatus>> GetQueuesAsync(CancellationToken cancellationToken = default) => inner.GetQueuesAsync(cancellationToken);
    }
}
