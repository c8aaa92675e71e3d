namespace HelpWidget;

/// <summary>
/// A system that receives stored tickets: a help desk, an ITSM API, an e-mail inbox, a webhook.
/// The delivery dispatcher calls it for every ticket until it succeeds, with back-off between attempts.
/// </summary>
/// <remarks>
/// Delivery is at least once: after a crash or a lost response the same ticket is delivered again with the
/// same <see cref="TicketDelivery.IdempotencyKey"/>. A sink passes that key on (a header, a field, a
/// message id) so that the receiving system can create each case exactly once.
/// </remarks>
public interface ITicketSink
{
    /// <summary>
    /// Gets the sink's stable name, such as <c>webhook</c> or <c>smtp</c>: 1 to 100 printable ASCII characters,
    /// unique among the registered sinks. The delivery state of each ticket is kept per name: a ticket is queued for
    /// the sinks registered when it is saved, and deliveries queued under a name wait for a sink of that name, so
    /// renaming a sink leaves the tickets queued under the old name undelivered until that name is registered again.
    /// </summary>
    string Name { get; }

    /// <summary>Delivers one ticket.</summary>
    /// <param name="delivery">The ticket and its delivery details.</param>
    /// <param name="cancellationToken">A token that cancels the attempt (the host is stopping or the attempt timed out).</param>
    /// <returns>A task that completes when the receiving system has accepted the ticket.</returns>
    /// <exception cref="TicketDeliveryException">The attempt failed; <see cref="TicketDeliveryException.IsPermanent"/> says whether to try again.</exception>
    /// <remarks>Any other exception counts as a failure that is worth retrying.</remarks>
    Task DeliverAsync(TicketDelivery delivery, CancellationToken cancellationToken);
}
