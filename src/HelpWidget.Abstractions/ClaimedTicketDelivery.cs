namespace HelpWidget;

/// <summary>A delivery claimed from an <see cref="ITicketOutbox"/>, held by a lease until it is completed or the lease expires.</summary>
public sealed class ClaimedTicketDelivery
{
    /// <summary>Gets the name of the sink the delivery is for.</summary>
    public required string SinkName { get; init; }

    /// <summary>Gets the identifier of this claim; completing the delivery with another claim's identifier fails.</summary>
    public required string LeaseId { get; init; }

    /// <summary>Gets when the lease expires and another claimer may take the delivery over.</summary>
    public required DateTimeOffset LeaseExpiresAt { get; init; }

    /// <summary>Gets what to hand to the sink: the ticket and the number of this attempt (counting attempts a stopped process left unfinished).</summary>
    public required TicketDelivery Delivery { get; init; }
}
