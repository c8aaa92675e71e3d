namespace HelpWidget.Delivery;

/// <summary>Exponential back-off with jitter: the wait doubles per attempt up to a ceiling, then half of it is drawn at random.</summary>
internal static class DeliveryBackoff
{
    /// <summary>Gets the longest wait after a failed attempt, before jitter.</summary>
    public static TimeSpan Ceiling(int attempt, TimeSpan initialDelay, TimeSpan maxDelay)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 62);
        var ticks = Math.Min(maxDelay.Ticks, initialDelay.Ticks * Math.Pow(2, doublings));
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Gets the wait after failed attempt <paramref name="attempt"/>: between half the ceiling and the ceiling.</summary>
    /// <param name="attempt">The attempt that failed, from 1.</param>
    /// <param name="initialDelay">The ceiling after the first attempt.</param>
    /// <param name="maxDelay">The highest ceiling.</param>
    /// <param name="random">A number from 0 (inclusive) to 1 (exclusive).</param>
    public static TimeSpan Delay(int attempt, TimeSpan initialDelay, TimeSpan maxDelay, double random)
    {
        // Half fixed so the wait still grows, half random so that apps hit by the same outage do not retry in step.
        var ceiling = Ceiling(attempt, initialDelay, maxDelay).Ticks;
        return TimeSpan.FromTicks((ceiling / 2) + (long)(ceiling / 2 * random));
    }
}
