namespace HelpWidget;

/// <summary>
/// A read-only view of the delivery queues that a store keeps (see <see cref="ITicketOutbox"/>), for health checks and operators.
/// </summary>
/// <remarks>
/// A store registers this view as the same instance as its <see cref="ITicketOutbox"/>. Implementations must be safe for concurrent use.
/// </remarks>
public interface ITicketQueueView
{
    /// <summary>Reads the state of every sink's queue.</summary>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>
    /// One entry per sink that has or had deliveries, and one per sink the store was configured with (empty when it has none),
    /// ordered by sink name (ordinal).
    /// </returns>
    Task<IReadOnlyList<TicketQueueStatus>> GetQueuesAsync(CancellationToken cancellationToken = default);
}
