namespace HelpWidget;

/// <summary>Options of the insights: recording of events, the user hash key and retention. Set them with <c>AddHelpInsights()</c>.</summary>
public sealed class HelpInsightsOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether events are recorded. Recording happens only when an
    /// <see cref="IHelpEventStore"/> or an <see cref="IHelpEventSink"/> is registered. Defaults to <see langword="true"/>.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets the key (Base64, at least 32 bytes) of the HMAC-SHA256 that turns user ids into
    /// <see cref="HelpEvent.UserKey"/>. Keep it secret: with it, a known user id can be matched to its events.
    /// <see langword="null"/> uses the store's own key, generated at random on first use and kept in the store
    /// (<see cref="IHelpEventStore.GetOrCreateUserKeySecretAsync"/>); without a store, a random key per process.
    /// Defaults to <see langword="null"/>.
    /// </summary>
    public string? UserKeySecret { get; set; }

    /// <summary>
    /// Gets or sets how many events wait in memory for the background writer, from 100 to 1,000,000; when it is full,
    /// new events are dropped and counted. Defaults to 10,000.
    /// </summary>
    public int BufferCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets the most events written in one batch, from 1 to 10,000. Defaults to 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Gets or sets how long events are kept in the store, from 1 day to 10 years; older ones are deleted by a
    /// background job. Defaults to 400 days (a year, compared with the year before).
    /// </summary>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Gets or sets how often the retention job runs, from 1 minute to 7 days. Defaults to 6 hours.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);
}
