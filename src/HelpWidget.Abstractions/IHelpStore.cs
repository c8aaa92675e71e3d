namespace HelpWidget;

/// <summary>
/// Durable storage for what users send through the widget: tickets and article feedback.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface IHelpStore
{
    /// <summary>
    /// Stores a ticket durably. Saving a ticket with an idempotency key that is already stored creates
    /// nothing and returns the receipt of the stored ticket.
    /// </summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The receipt, returned only once the ticket is committed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is <see langword="null"/>.</exception>
    Task<TicketReceipt> SaveTicketAsync(TicketSubmission ticket, CancellationToken cancellationToken = default);

    /// <summary>Gets a stored ticket by its reference, compared without regard to case (people type what the receipt showed them).</summary>
    /// <param name="reference">The reference given in the receipt.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The ticket, or <see langword="null"/> when no ticket has that reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is <see langword="null"/>.</exception>
    Task<StoredTicket?> GetTicketAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>Stores a "Was this helpful?" answer.</summary>
    /// <param name="feedback">The answer.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>A task that completes when the answer is stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feedback"/> is <see langword="null"/>.</exception>
    Task SaveFeedbackAsync(ArticleFeedback feedback, CancellationToken cancellationToken = default);
}
