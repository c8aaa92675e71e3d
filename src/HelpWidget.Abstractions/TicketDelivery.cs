namespace HelpWidget;

/// <summary>One attempt to deliver a stored ticket to one <see cref="ITicketSink"/>.</summary>
public sealed class TicketDelivery
{
    /// <summary>Gets the reference of the stored ticket, as shown to the user in the receipt.</summary>
    public required string Reference { get; init; }

    /// <summary>Gets the ticket as it was submitted, with its context and attachments.</summary>
    public required TicketSubmission Submission { get; init; }

    /// <summary>Gets the number of this attempt, starting at 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>Gets the key that identifies the ticket across retries; receivers deduplicate by it.</summary>
    public string IdempotencyKey => Submission.IdempotencyKey;
}
