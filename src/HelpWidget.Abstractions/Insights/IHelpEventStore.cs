namespace HelpWidget;

/// <summary>
/// Durable storage for insight events: a sink that keeps them, computes the figures of a period by the definitions
/// of the insights (<see cref="HelpInsightsReport"/>), deletes what is older than the retention period, and keeps the
/// key that turns user ids into <see cref="HelpEvent.UserKey"/> hashes.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use, and answer a report over 1,000,000 events in well under a second.</remarks>
public interface IHelpEventStore : IHelpEventSink
{
    /// <summary>Computes the figures of a period.</summary>
    /// <param name="query">The period and how many rows each table holds.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The figures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The query breaks a rule of <see cref="HelpInsightsQuery.Validate"/>.</exception>
    Task<HelpInsightsReport> GetReportAsync(HelpInsightsQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes the events that occurred before <paramref name="cutoff"/>.</summary>
    /// <param name="cutoff">The oldest time kept.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The number of events deleted.</returns>
    Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets the store's key for hashing user ids, creating a random 32-byte key on first use and keeping it, so that
    /// one user has one <see cref="HelpEvent.UserKey"/> across restarts and servers sharing the store.
    /// </summary>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The key, at least 32 bytes.</returns>
    Task<byte[]> GetOrCreateUserKeySecretAsync(CancellationToken cancellationToken = default);
}
