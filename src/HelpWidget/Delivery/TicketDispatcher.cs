using System.Diagnostics;
using HelpWidget.Insights;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Delivery;

/// <summary>
/// Delivers queued tickets to every registered sink: one loop per sink, head of the queue first, with back-off,
/// a timeout per attempt and dead letters. Woken when the outbox queues deliveries; otherwise it waits until the
/// head of the queue is due, or at most <see cref="TicketDeliveryOptions.PollInterval"/>.
/// </summary>
internal sealed class TicketDispatcher : BackgroundService
{
    private readonly ITicketSink[] _sinks;
    private readonly ITicketOutbox? _outbox;
    private readonly TicketDeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<bool>[] _wake;

    public TicketDispatcher(
        IEnumerable<ITicketSink> sinks,
        IOptions<TicketDeliveryOptions> options,
        TimeProvider timeProvider,
        ILogger<TicketDispatcher> logger,
        ITicketOutbox? outbox = null)
    {
        _sinks = [.. sinks];
        _outbox = outbox;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
        _wake = [.. _sinks.Select(_ => Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite }))];
    }

    private ITicketOutbox Outbox => _outbox ?? throw NoOutbox();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_sinks.Length == 0)
        {
            return Task.CompletedTask;
        }

        if (_outbox is null)
        {
            throw NoOutbox();
        }

        ValidateSinkNames(_sinks);
        _outbox.DeliveriesQueued += OnDeliveriesQueued;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_outbox is not null)
        {
            _outbox.DeliveriesQueued -= OnDeliveriesQueued;
        }

        await base.StopAsync(cancellationToken);
    }

    /// <summary>Claims the head of the sink's queue and makes one attempt to deliver it.</summary>
    /// <returns>How long to wait before the next call: zero after an attempt, else until the head is due (at most the poll interval).</returns>
    internal async Task<TimeSpan> DeliverNextAsync(ITicketSink sink, CancellationToken cancellationToken)
    {
        var claim = await Outbox.ClaimNextAsync(sink.Name, _options.LeaseDuration, cancellationToken);
        if (claim.Delivery is not { } claimed)
        {
            var wait = claim.NextDueAt is { } due ? due - _time.GetUtcNow() : _options.PollInterval;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _options.PollInterval ? _options.PollInterval : wait;
        }

        var delivery = claimed.Delivery;
        if (delivery.Attempt > _options.MaxAttempts)
        {
            // Every allowed attempt was left unfinished by a process that stopped: the ticket itself may be what stops it.
            await GiveUpAsync(claimed, $"The process stopped during each of the {_options.MaxAttempts} attempts.", exception: null);
            return TimeSpan.Zero;
        }

        var failure = await AttemptAsync(sink, claimed, cancellationToken);
        if (failure is null)
        {
            await Outbox.MarkDeliveredAsync(claimed, CancellationToken.None);
            Log.TicketDelivered(_logger, delivery.Reference, sink.Name, delivery.Attempt);
            return TimeSpan.Zero;
        }

        // A TicketDeliveryException is a refusal the sink expected (a 503, a 400, a timeout): its message says all, and a
        // stack trace would only bury it. Any other exception is a fault in the sink, logged with its stack trace.
        var expected = failure is TicketDeliveryException;
        var reason = expected ? failure.Message : $"{failure.GetType().Name}: {failure.Message}";
        var logged = expected ? null : failure;
        if (failure is TicketDeliveryException { IsPermanent: true } || delivery.Attempt >= _options.MaxAttempts)
        {
            await GiveUpAsync(claimed, reason, logged);
            return TimeSpan.Zero;
        }

        var delay = DeliveryBackoff.Delay(delivery.Attempt, _options.InitialDelay, _options.MaxDelay, Random.Shared.NextDouble());
        if (await Outbox.MarkFailedAsync(claimed, reason, _time.GetUtcNow() + delay, CancellationToken.None))
        {
            HelpWidgetTelemetry.Retries.Add(1, HelpWidgetTelemetry.Sink(sink.Name));
            Log.AttemptFailed(_logger, delivery.Attempt, delivery.Reference, sink.Name, reason, delay, logged);
        }
        else
        {
            Log.ClaimTakenOver(_logger, delivery.Reference, sink.Name);
        }

        return TimeSpan.Zero;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.DispatcherStarted(_logger, _sinks.Length, string.Join(", ", _sinks.Select(sink => sink.Name)));
        await Task.WhenAll(_sinks.Select((sink, index) => RunAsync(sink, _wake[index].Reader, stoppingToken)));
    }

    private static void ValidateSinkNames(ITicketSink[] sinks)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sink in sinks)
        {
            var name = sink.Name;
            if (string.IsNullOrEmpty(name) || name.Length > 100 || !name.All(c => c is > ' ' and < (char)127))
            {
                throw new InvalidOperationException($"The ticket sink {sink.GetType().Name} has the name '{name}': a sink name must be 1 to 100 printable ASCII characters.");
            }

            if (!names.Add(name))
            {
                throw new InvalidOperationException($"Two ticket sinks are named '{name}': each sink needs its own name, because the delivery state of every ticket is kept per name.");
            }
        }
    }

    private static InvalidOperationException NoOutbox() => new(
        "Ticket sinks are registered, but the store keeps no delivery queue (no ITicketOutbox is registered). "
        + "Add a store that has one, such as AddSqliteStore() or AddPostgreSqlStore(), so that each ticket is queued in the same transaction that stores it.");

    private async Task RunAsync(ITicketSink sink, ChannelReader<bool> wake, CancellationToken stoppingToken)
    {
        var outboxFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await DeliverNextAsync(sink, stoppingToken);
                outboxFailures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The store itself failed (disk full, file locked): back off so a broken store does not spin the CPU.
                wait = DeliveryBackoff.Delay(++outboxFailures, _options.InitialDelay, _options.MaxDelay, Random.Shared.NextDouble());
                Log.OutboxFailed(_logger, sink.Name, wait, exception);
            }

            if (wait > TimeSpan.Zero)
            {
                await WaitAsync(wake, wait, stoppingToken);
            }
        }
    }

    private async Task<Exception?> AttemptAsync(ITicketSink sink, ClaimedTicketDelivery claimed, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        using var activity = HelpWidgetTelemetry.Source.StartActivity("helpwidget.ticket.deliver", ActivityKind.Internal);
        activity?.SetTag("helpwidget.sink", sink.Name);
        activity?.SetTag("helpwidget.ticket.attempt", claimed.Delivery.Attempt);
        var started = _time.GetTimestamp();
        var outcome = "failed";
        try
        {
            await sink.DeliverAsync(claimed.Delivery, attempt.Token);
            outcome = "delivered";
            return null;
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping and cut the attempt short: the sink never got to answer, so the attempt does not count.
            // Handing the claim back makes it due at once for any instance, instead of after the lease expires.
            outcome = "stopped";
            await ReleaseAsync(claimed);
            throw new OperationCanceledException(stoppingToken);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested)
        {
            outcome = "timeout";
            return new TicketDeliveryException($"The sink did not finish within the attempt timeout of {_options.AttemptTimeout}.", exception);
        }
        catch (Exception exception)
        {
            return exception;
        }
        finally
        {
            var tags = new TagList { HelpWidgetTelemetry.Sink(sink.Name), HelpWidgetTelemetry.Outcome(outcome) };
            HelpWidgetTelemetry.Deliveries.Add(1, tags);
            HelpWidgetTelemetry.DeliveryDuration.Record(_time.GetElapsedTime(started).TotalSeconds, tags);
            activity?.SetTag("helpwidget.outcome", outcome);
            if (outcome != "delivered")
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }
        }
    }

    private async Task ReleaseAsync(ClaimedTicketDelivery claimed)
    {
        try
        {
            if (await Outbox.ReleaseAsync(claimed, CancellationToken.None))
            {
                Log.ClaimReleased(_logger, claimed.Delivery.Reference, claimed.SinkName);
            }
            else
            {
                Log.ClaimTakenOver(_logger, claimed.Delivery.Reference, claimed.SinkName);
            }
        }
        catch (Exception exception)
        {
            // The store is gone too (a database restarting with the app): the lease runs out and any instance takes the delivery up.
            Log.ReleaseFailed(_logger, claimed.Delivery.Reference, claimed.SinkName, exception);
        }
    }

    private async Task GiveUpAsync(ClaimedTicketDelivery claimed, string reason, Exception? exception)
    {
        if (await Outbox.MarkFailedAsync(claimed, reason, retryAt: null, CancellationToken.None))
        {
            HelpWidgetTelemetry.DeadLetters.Add(1, HelpWidgetTelemetry.Sink(claimed.SinkName));
            Log.DeadLettered(_logger, claimed.Delivery.Reference, claimed.SinkName, claimed.Delivery.Attempt, reason, exception);
        }
        else
        {
            Log.ClaimTakenOver(_logger, claimed.Delivery.Reference, claimed.SinkName);
        }
    }

    private async Task WaitAsync(ChannelReader<bool> wake, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var elapsed = new CancellationTokenSource(wait, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, elapsed.Token);
        try
        {
            await wake.WaitToReadAsync(either.Token);
            wake.TryRead(out _);
        }
        catch (OperationCanceledException)
        {
            // The wait ran out or the host is stopping; the loop tells which.
        }
    }

    private void OnDeliveriesQueued(object? sender, EventArgs e)
    {
        foreach (var wake in _wake)
        {
            wake.Writer.TryWrite(true);
        }
    }
}
