namespace HelpWidget;

/// <summary>Proof that a ticket is stored, with the reference the user can quote.</summary>
public sealed class TicketReceipt
{
    /// <summary>Gets the reference of the stored ticket, such as <c>HW-7K3M-Q9XD-2TBW</c>.</summary>
    public required string Reference { get; init; }

    /// <summary>Gets when the stored ticket was submitted.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Gets a value indicating whether this call stored the ticket (<see langword="false"/> when the idempotency key was already stored).</summary>
    public bool Created { get; init; }
}
