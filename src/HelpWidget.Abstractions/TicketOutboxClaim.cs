namespace HelpWidget;

/// <summary>The answer to <see cref="ITicketOutbox.ClaimNextAsync"/>: a claimed delivery, or when to look again.</summary>
public sealed class TicketOutboxClaim
{
    /// <summary>Gets an answer for a sink whose queue is empty.</summary>
    public static TicketOutboxClaim Empty { get; } = new();

    /// <summary>Gets the claimed delivery; <see langword="null"/> when the head of the queue is not due or is leased to another claimer.</summary>
    public ClaimedTicketDelivery? Delivery { get; init; }

    /// <summary>
    /// Gets when the head of the queue can be claimed (its next attempt is due or its lease expires);
    /// <see langword="null"/> when a delivery was claimed or the queue is empty.
    /// </summary>
    public DateTimeOffset? NextDueAt { get; init; }
}
