using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Insights;

/// <summary>
/// Writes buffered events in batches to the store and every sink, in the background: it hashes user ids and scrubs
/// queries here, off the user's path. A store or sink that fails loses that batch, counted and logged; nothing is
/// retried and nothing reaches the user. On shutdown it writes what is still buffered.
/// </summary>
internal sealed class HelpEventWriter(
    HelpEventRecorder recorder,
    IOptions<HelpInsightsOptions> options,
    IPersonalDataScrubber scrubber,
    IEnumerable<IHelpEventSink> sinks,
    ILogger<HelpEventWriter> logger,
    IHelpEventStore? store = null) : BackgroundService
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly IHelpEventSink[] _targets = [.. (store is null ? sinks : sinks.Prepend(store)).Distinct()];
    private byte[]? _secret;
    private int _started;

    /// <summary>
    /// Starts writing where no host runs hosted services (a browser's WebAssembly host): the first help session starts
    /// it, once. A host that runs hosted services starts it as one and never calls this.
    /// </summary>
    public void StartUnhosted()
    {
        if (recorder.IsEnabled && Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = StartAsync(CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _started, 1);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!recorder.IsEnabled)
        {
            return;
        }

        // A write under way when the host stops may finish (within DrainTimeout): cancelling it would lose its batch.
        using var hardStop = new CancellationTokenSource();
        using var registration = stoppingToken.Register(() => hardStop.CancelAfter(DrainTimeout));
        var batch = new List<PendingEvent>(options.Value.BatchSize);
        try
        {
            while (await recorder.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < options.Value.BatchSize && recorder.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await WriteAsync(batch, hardStop.Token);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: what is buffered is written below, within DrainTimeout.
        }

        while (recorder.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
            if (batch.Count == options.Value.BatchSize)
            {
                await WriteAsync(batch, hardStop.Token);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await WriteAsync(batch, hardStop.Token);
        }
    }

    /// <summary>Writes one batch; never throws.</summary>
    internal async Task WriteAsync(IReadOnlyList<PendingEvent> batch, CancellationToken cancellationToken)
    {
        List<HelpEvent> events;
        try
        {
            var secret = await SecretAsync(cancellationToken);
            events = new List<HelpEvent>(batch.Count);
            foreach (var pending in batch)
            {
                if (ToEvent(pending, secret) is { } helpEvent)
                {
                    events.Add(helpEvent);
                }
                else
                {
                    HelpWidgetTelemetry.EventsDropped.Add(1, HelpWidgetTelemetry.Reason("invalid"));
                }
            }
        }
        catch (Exception exception)
        {
            HelpWidgetTelemetry.EventsDropped.Add(batch.Count, HelpWidgetTelemetry.Reason("key_unavailable"));
            Log.InsightsKeyUnavailable(logger, batch.Count, exception);
            return;
        }

        if (events.Count == 0)
        {
            return;
        }

        foreach (var target in _targets)
        {
            try
            {
                await target.WriteAsync(events, cancellationToken);
                HelpWidgetTelemetry.EventsWritten.Add(events.Count, HelpWidgetTelemetry.Sink(target.Name));
            }
            catch (Exception exception)
            {
                HelpWidgetTelemetry.EventsDropped.Add(events.Count, HelpWidgetTelemetry.Sink(target.Name), HelpWidgetTelemetry.Reason("sink_failed"));
                Log.InsightsSinkFailed(logger, events.Count, target.Name, exception);
            }
        }
    }

    private HelpEvent? ToEvent(PendingEvent pending, byte[] secret)
    {
        var helpEvent = new HelpEvent
        {
            Kind = pending.Kind,
            OccurredAt = pending.OccurredAt,
            UserKey = string.IsNullOrWhiteSpace(pending.UserId) ? UserKeys.Hash(secret, "anonymous", pending.AnonymousId) : UserKeys.Hash(secret, "user", pending.UserId),
            SessionId = pending.SessionId,
            Language = Clip(pending.Language, 35),
            // A route is a path, not typed text, but a path can hold an address or a number (/users/anna@example.se).
            Route = Clip(pending.Route is null ? null : WithoutControls(scrubber.Scrub(pending.Route)), 2048),
            ArticleId = Clip(pending.ArticleId, 128),
            Query = QueryNormalizer.Normalize(scrubber, pending.RawQuery),
            ResultCount = pending.ResultCount,
            Source = pending.Source,
            Helpful = pending.Helpful,
            Reason = Clip(scrubber.ScrubQuery(pending.Reason), 100),
            AnnouncementId = Clip(pending.AnnouncementId, 128),
        };
        try
        {
            helpEvent.Validate();
            return helpEvent;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string WithoutControls(string text) => string.Create(text.Length, text, static (span, text) =>
    {
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = char.IsControl(text[i]) ? ' ' : text[i];
        }
    });

    /// <summary>Cuts <paramref name="value"/> to <paramref name="length"/>, never between the halves of a surrogate pair.</summary>
    private static string? Clip(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..(char.IsHighSurrogate(value[length - 1]) ? length - 1 : length)];

    private async Task<byte[]> SecretAsync(CancellationToken cancellationToken)
    {
        if (_secret is not null)
        {
            return _secret;
        }

        if (options.Value.UserKeySecret is { } configured)
        {
            return _secret = UserKeys.DecodeSecret(configured)!;
        }

        if (store is not null)
        {
            return _secret = await store.GetOrCreateUserKeySecretAsync(cancellationToken);
        }

        Log.InsightsKeyPerProcess(logger);
        return _secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(UserKeys.MinSecretLength);
    }
}
