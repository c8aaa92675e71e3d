namespace HelpWidget;

/// <summary>A ticket as kept by a store.</summary>
public sealed class StoredTicket
{
    /// <summary>Gets the ticket's reference.</summary>
    public required string Reference { get; init; }

    /// <summary>Gets the ticket as it was submitted.</summary>
    public required TicketSubmission Submission { get; init; }
}
