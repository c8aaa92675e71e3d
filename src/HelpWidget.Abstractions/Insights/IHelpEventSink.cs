namespace HelpWidget;

/// <summary>
/// Receives the widget's insight events in batches, in the background, after the user's action has completed: an
/// app adds one (with <c>AddHelpEventSink&lt;T&gt;()</c>) to send events to its own analytics. Events carry no
/// personal data (see <see cref="HelpEvent"/>).
/// </summary>
/// <remarks>
/// Implementations must be safe for concurrent use. An exception drops the batch for this sink only: it is counted
/// (the <c>helpwidget.insights.events.dropped</c> metric) and logged, never retried and never shown to the user.
/// </remarks>
public interface IHelpEventSink
{
    /// <summary>Gets the sink's name, used in logs and metrics; it holds no secret.</summary>
    string Name { get; }

    /// <summary>Writes a batch of events, oldest first.</summary>
    /// <param name="events">The events, already validated.</param>
    /// <param name="cancellationToken">A token that cancels the operation, when the host stops.</param>
    /// <returns>A task that completes when the batch is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is <see langword="null"/>.</exception>
    Task WriteAsync(IReadOnlyList<HelpEvent> events, CancellationToken cancellationToken = default);
}
