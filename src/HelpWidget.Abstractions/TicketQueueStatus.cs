namespace HelpWidget;

/// <summary>
/// One sink's delivery queue, read-only: what an operator needs to tell a queue that drained from one that is stuck.
/// </summary>
public sealed class TicketQueueStatus
{
    /// <summary>Gets the name of the sink, its <see cref="ITicketSink.Name"/>.</summary>
    public required string SinkName { get; init; }

    /// <summary>Gets the number of deliveries neither delivered nor dead letters, those in flight included.</summary>
    public required int Pending { get; init; }

    /// <summary>Gets the number of pending deliveries claimed under a lease that has not expired.</summary>
    public required int InFlight { get; init; }

    /// <summary>
    /// Gets when the oldest pending ticket was submitted; <see langword="null"/> when nothing is pending.
    /// Its age tells a queue that moves slowly from one that does not move.
    /// </summary>
    public DateTimeOffset? OldestPendingSubmittedAt { get; init; }

    /// <summary>Gets the number of deliveries that gave up and wait for <see cref="ITicketOutbox.RetryDeadLettersAsync"/>.</summary>
    public required int DeadLetters { get; init; }
}
