namespace HelpWidget.Testing;

/// <summary>
/// An <see cref="IHelpEventSink"/> that keeps every event it receives, so that a test can read them or wait, without
/// sleeping, until the events it expects have arrived. Register it beside a store (<c>AddHelpEventSink</c>): the
/// recorder hands it each batch in the background.
/// </summary>
/// <param name="name">The sink's name. Defaults to <c>capture</c>.</param>
/// <remarks>Safe for concurrent use.</remarks>
public sealed class CapturingHelpEventSink(string name = "capture") : IHelpEventSink
{
    private readonly Recording<HelpEvent> _events = new();

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <summary>
    /// Gets or sets what a write does before it keeps the batch; a test throws here to make the sink fail.
    /// Defaults to <see langword="null"/> (nothing).
    /// </summary>
    public Action<IReadOnlyList<HelpEvent>>? OnWrite { get; set; }

    /// <summary>Gets a copy of the events received so far, in the order they arrived.</summary>
    public IReadOnlyList<HelpEvent> Events => _events.Items;

    /// <inheritdoc />
    public Task WriteAsync(IReadOnlyList<HelpEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        OnWrite?.Invoke(events);
        _events.Add(events);
        return Task.CompletedTask;
    }

    /// <summary>Waits until the events received satisfy a condition.</summary>
    /// <param name="condition">The condition, given every event received so far; called under a lock, so keep it quick.</param>
    /// <param name="timeout">How long to wait. Defaults to 30 seconds.</param>
    /// <param name="cancellationToken">A token that cancels the wait.</param>
    /// <returns>The events received, once they satisfy <paramref name="condition"/>.</returns>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public Task<IReadOnlyList<HelpEvent>> WaitForAsync(Func<IReadOnlyList<HelpEvent>, bool> condition, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _events.WaitForAsync(condition, timeout, "events", cancellationToken);

    /// <summary>Waits until at least <paramref name="count"/> of the events received match.</summary>
    /// <param name="match">Which events count.</param>
    /// <param name="count">How many must have arrived.</param>
    /// <param name="timeout">How long to wait. Defaults to 30 seconds.</param>
    /// <param name="cancellationToken">A token that cancels the wait.</param>
    /// <returns>The matching events received.</returns>
    /// <exception cref="TimeoutException">Fewer matching events arrived within <paramref name="timeout"/>.</exception>
    public async Task<IReadOnlyList<HelpEvent>> WaitForMatchesAsync(Func<HelpEvent, bool> match, int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        var events = await _events.WaitForAsync(all => all.Count(match) >= count, timeout, "events", cancellationToken);
        return [.. events.Where(match)];
    }
}
