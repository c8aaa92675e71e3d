namespace HelpWidget;

/// <summary>
/// Lets operators see the tickets that a sink never accepted and queue them again, for instance after fixing the
/// receiving system's configuration. Registered by <c>AddTicketSink</c> and <c>AddWebhookSink</c>.
/// </summary>
/// <remarks>This service is safe for concurrent use.</remarks>
public interface ITicketDeadLetters
{
    /// <summary>Lists the dead letters, oldest ticket first.</summary>
    /// <param name="maxCount">The most dead letters returned, from 1 to 1,000.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The dead letters of every sink.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is out of range.</exception>
    Task<IReadOnlyList<TicketDeadLetter>> GetAsync(int maxCount = 100, CancellationToken cancellationToken = default);

    /// <summary>Queues one dead letter again, with a fresh count of attempts; it is delivered before the tickets submitted after it.</summary>
    /// <param name="reference">The ticket's reference.</param>
    /// <param name="sinkName">The sink's name.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns><see langword="true"/> when the dead letter was queued again; <see langword="false"/> when there is no such dead letter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> or <paramref name="sinkName"/> is <see langword="null"/>.</exception>
    Task<bool> RetryAsync(string reference, string sinkName, CancellationToken cancellationToken = default);

    /// <summary>Queues every dead letter again, with a fresh count of attempts.</summary>
    /// <param name="sinkName">Only the dead letters of this sink; <see langword="null"/> for every sink.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The number of dead letters queued again.</returns>
    Task<int> RetryAllAsync(string? sinkName = null, CancellationToken cancellationToken = default);
}
