namespace HelpWidget;

/// <summary>Provides data for <see cref="HelpSession.TicketCreated"/>: a ticket the user sent was stored.</summary>
public sealed class HelpTicketCreatedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="HelpTicketCreatedEventArgs"/> class.</summary>
    /// <param name="receipt">The ticket's receipt.</param>
    /// <exception cref="ArgumentNullException"><paramref name="receipt"/> is <see langword="null"/>.</exception>
    public HelpTicketCreatedEventArgs(TicketReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        Receipt = receipt;
    }

    /// <summary>Gets the ticket's receipt, with the reference the user was shown.</summary>
    public TicketReceipt Receipt { get; }
}
