namespace HelpWidget;

/// <summary>Options of the dispatcher that delivers stored tickets to the registered <see cref="ITicketSink"/>s.</summary>
/// <remarks>
/// With the defaults, a delivery that keeps failing is tried 20 times over 3 to 6 hours before it becomes a dead letter.
/// </remarks>
public sealed class TicketDeliveryOptions
{
    /// <summary>Gets or sets the number of attempts after which a delivery becomes a dead letter, from 1 to 1,000. Defaults to 20.</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>
    /// Gets or sets the wait after the first failed attempt, from 1 millisecond to <see cref="MaxDelay"/>. The wait doubles
    /// after each failure, and each wait is cut by up to half at random so that many apps do not retry in step. Defaults to 5 seconds.
    /// </summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the longest wait between two attempts, up to one day. Defaults to 30 minutes.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets how long one attempt may take before it is cancelled and counted as failed; shorter than <see cref="LeaseDuration"/>. Defaults to 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long a claimed delivery is held: when a process stops during an attempt, the delivery is
    /// claimed again once this has passed. Up to one day. Defaults to 2 minutes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets the longest time the dispatcher waits before looking at the queue again when nothing woke it, up to one hour.
    /// Tickets saved by this process wake it at once; this bounds the delay for tickets saved by another process sharing the store.
    /// Defaults to 30 seconds.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
