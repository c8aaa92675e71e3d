namespace HelpWidget;

/// <summary>
/// The queue of deliveries that a store keeps beside its tickets: one delivery per ticket and registered
/// <see cref="ITicketSink"/>, created in the same transaction as the ticket, so a committed ticket is a queued delivery.
/// The delivery dispatcher claims, completes and fails deliveries through this contract.
/// </summary>
/// <remarks>
/// <para>
/// Each sink has its own queue, ordered by submission. Only the head of a queue (its oldest delivery that is
/// neither delivered nor a dead letter) can be claimed, so a failing ticket holds back the later tickets of the
/// same sink and the receiving system sees tickets in the order they were submitted.
/// </para>
/// <para>
/// A claim carries a lease: until it expires, no other claimer gets the same delivery. When a process stops
/// without completing its claim, the delivery can be claimed again once the lease has expired.
/// Times are taken from the store's <see cref="TimeProvider"/>. Implementations must be safe for concurrent use,
/// also across processes that share the same database.
/// </para>
/// </remarks>
public interface ITicketOutbox : ITicketQueueView
{
    /// <summary>
    /// Occurs after a commit has queued deliveries (a ticket saved, a dead letter queued again, a claim handed back).
    /// Handlers run on the thread that committed and must return quickly.
    /// </summary>
    event EventHandler? DeliveriesQueued;

    /// <summary>Claims the head of a sink's queue when it is due and not leased to another claimer.</summary>
    /// <param name="sinkName">The sink's <see cref="ITicketSink.Name"/>.</param>
    /// <param name="leaseDuration">How long the claim is held before another claimer may take it over.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The claimed delivery, or when nothing can be claimed now, the time at which to look again.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sinkName"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leaseDuration"/> is not positive.</exception>
    Task<TicketOutboxClaim> ClaimNextAsync(string sinkName, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Records that a claimed delivery reached its sink; the next ticket of the sink's queue becomes its head.</summary>
    /// <param name="delivery">The claimed delivery.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns><see langword="true"/> when this call completed the delivery; <see langword="false"/> when it was already delivered or is a dead letter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="delivery"/> is <see langword="null"/>.</exception>
    Task<bool> MarkDeliveredAsync(ClaimedTicketDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt: the delivery is tried again at <paramref name="retryAt"/>, or becomes a dead letter.</summary>
    /// <param name="delivery">The claimed delivery.</param>
    /// <param name="failure">What failed, for operators; cut to 2,000 characters.</param>
    /// <param name="retryAt">When to try again; <see langword="null"/> makes the delivery a dead letter, which its queue skips.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns><see langword="true"/> when the failure was recorded; <see langword="false"/> when the claim's lease was taken over or the delivery is already completed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="delivery"/> or <paramref name="failure"/> is <see langword="null"/>.</exception>
    Task<bool> MarkFailedAsync(ClaimedTicketDelivery delivery, string failure, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands a claim back without using up an attempt, as a process does when it stops gracefully: the delivery becomes due
    /// at once, for any claimer, and its next claim carries the same attempt number as the one handed back.
    /// </summary>
    /// <param name="delivery">The claimed delivery.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>
    /// <see langword="true"/> when the claim was handed back; <see langword="false"/> when its lease is no longer held
    /// (it expired and another claimer took the delivery, or the delivery is already completed).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="delivery"/> is <see langword="null"/>.</exception>
    Task<bool> ReleaseAsync(ClaimedTicketDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Lists the deliveries that gave up, oldest ticket first.</summary>
    /// <param name="maxCount">The most dead letters returned, from 1 to 1,000.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The dead letters of every sink.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is out of range.</exception>
    Task<IReadOnlyList<TicketDeadLetter>> GetDeadLettersAsync(int maxCount = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues dead letters again with a fresh count of attempts, due now. A retried delivery keeps its place in its
    /// sink's queue, so it is delivered before the tickets submitted after it.
    /// </summary>
    /// <param name="reference">The reference of one ticket; <see langword="null"/> for every ticket.</param>
    /// <param name="sinkName">The name of one sink; <see langword="null"/> for every sink.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The number of dead letters queued again.</returns>
    Task<int> RetryDeadLettersAsync(string? reference = null, string? sinkName = null, CancellationToken cancellationToken = default);

    /// <summary>Lists stored tickets newest first, for apps that read the store as their inbox.</summary>
    /// <param name="skip">The number of newest tickets to pass over, 0 or more.</param>
    /// <param name="take">The most tickets returned, from 1 to 100.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The tickets, with their attachments.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="skip"/> or <paramref name="take"/> is out of range.</exception>
    Task<IReadOnlyList<StoredTicket>> GetTicketsAsync(int skip, int take, CancellationToken cancellationToken = default);
}
