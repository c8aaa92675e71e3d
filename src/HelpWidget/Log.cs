using Microsoft.Extensions.Logging;

namespace HelpWidget;

internal static partial class Log
{
    [LoggerMessage(6, LogLevel.Warning, "Announcements could not be loaded; the panel shows none until they can.")]
    public static partial void AnnouncementsFailed(ILogger logger, Exception exception);

    [LoggerMessage(20, LogLevel.Information, "Delivering tickets to {SinkCount} sink(s): {Sinks}.")]
    public static partial void DispatcherStarted(ILogger logger, int sinkCount, string sinks);

    [LoggerMessage(21, LogLevel.Information, "Delivered ticket {Reference} to sink '{Sink}' on attempt {Attempt}.")]
    public static partial void TicketDelivered(ILogger logger, string reference, string sink, int attempt);

    // Expected refusals (a 503, a 400, a timeout) arrive as TicketDeliveryException and are logged without the exception: one line, no stack trace.
    [LoggerMessage(22, LogLevel.Warning, "Attempt {Attempt} to deliver ticket {Reference} to sink '{Sink}' failed: {Reason} The next attempt is in {Delay}; later tickets for this sink wait for it.")]
    public static partial void AttemptFailed(ILogger logger, int attempt, string reference, string sink, string reason, TimeSpan delay, Exception? exception);

    [LoggerMessage(23, LogLevel.Error, "Ticket {Reference} was not delivered to sink '{Sink}' after {Attempts} attempt(s) and is now a dead letter: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string reference, string sink, int attempts, string reason, Exception? exception);

    [LoggerMessage(24, LogLevel.Error, "The ticket outbox failed for sink '{Sink}'; trying again in {Delay}.")]
    public static partial void OutboxFailed(ILogger logger, string sink, TimeSpan delay, Exception exception);

    [LoggerMessage(25, LogLevel.Warning, "The claim on ticket {Reference} for sink '{Sink}' expired before its attempt ended and was taken over; the result of this attempt is not recorded.")]
    public static partial void ClaimTakenOver(ILogger logger, string reference, string sink);

    [LoggerMessage(26, LogLevel.Information, "Queued {Count} dead letter(s) again (ticket: {Reference}, sink: {Sink}).")]
    public static partial void DeadLettersRetried(ILogger logger, int count, string reference, string sink);

    [LoggerMessage(27, LogLevel.Information, "The host is stopping during the attempt to deliver ticket {Reference} to sink '{Sink}': the claim is handed back without counting the attempt.")]
    public static partial void ClaimReleased(ILogger logger, string reference, string sink);

    [LoggerMessage(28, LogLevel.Warning, "The claim on ticket {Reference} for sink '{Sink}' could not be handed back while the host stopped; it is taken up again when its lease expires.")]
    public static partial void ReleaseFailed(ILogger logger, string reference, string sink, Exception? exception);

    [LoggerMessage(40, LogLevel.Warning, "{Count} insight event(s) were dropped: the store or sink '{Sink}' failed to write them.")]
    public static partial void InsightsSinkFailed(ILogger logger, int count, string sink, Exception exception);

    [LoggerMessage(41, LogLevel.Warning, "{Count} insight event(s) were dropped: the key that hashes user ids could not be read from the store.")]
    public static partial void InsightsKeyUnavailable(ILogger logger, int count, Exception exception);

    [LoggerMessage(42, LogLevel.Information, "No HelpInsightsOptions.UserKeySecret and no event store: user ids are hashed with a key of this process, so one user's events are linked only until it restarts.")]
    public static partial void InsightsKeyPerProcess(ILogger logger);

    [LoggerMessage(43, LogLevel.Information, "Deleted {Count} insight event(s) older than {Cutoff:O}.")]
    public static partial void RetentionApplied(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(44, LogLevel.Warning, "The insight events past the retention period could not be deleted; trying again at the next run.")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);
}
