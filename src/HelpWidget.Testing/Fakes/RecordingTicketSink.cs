namespace HelpWidget.Testing;

/// <summary>
/// An <see cref="ITicketSink"/> that keeps every delivery handed to it, so that a test can read them or wait, without
/// sleeping, until the deliveries it expects have arrived; <see cref="OnDeliver"/> makes it fail or take time.
/// </summary>
/// <param name="name">The sink's name, under which the store queues its deliveries.</param>
/// <remarks>Safe for concurrent use.</remarks>
public sealed class RecordingTicketSink(string name) : ITicketSink
{
    private readonly Recording<TicketDelivery> _deliveries = new();

    /// <inheritdoc />
    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    /// <summary>
    /// Gets or sets what a delivery does before it is kept; throw (for example a <see cref="TicketDeliveryException"/>)
    /// to refuse it. Defaults to <see langword="null"/> (accept at once).
    /// </summary>
    public Func<TicketDelivery, CancellationToken, Task>? OnDeliver { get; set; }

    /// <summary>Gets a copy of the deliveries accepted so far, in the order they arrived.</summary>
    public IReadOnlyList<TicketDelivery> Deliveries => _deliveries.Items;

    /// <inheritdoc />
    public async Task DeliverAsync(TicketDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (OnDeliver is { } onDeliver)
        {
            await onDeliver(delivery, cancellationToken);
        }

        _deliveries.Add([delivery]);
    }

    /// <summary>Waits until the deliveries accepted satisfy a condition.</summary>
    /// <param name="condition">The condition, given every delivery accepted so far; called under a lock, so keep it quick.</param>
    /// <param name="timeout">How long to wait. Defaults to 30 seconds.</param>
    /// <param name="cancellationToken">A token that cancels the wait.</param>
    /// <returns>The deliveries accepted, once they satisfy <paramref name="condition"/>.</returns>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public Task<IReadOnlyList<TicketDelivery>> WaitForAsync(Func<IReadOnlyList<TicketDelivery>, bool> condition, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _deliveries.WaitForAsync(condition, timeout, "deliveries", cancellationToken);
}
