namespace HelpWidget;

/// <summary>A failed attempt to deliver a ticket to a sink.</summary>
public sealed class TicketDeliveryException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="TicketDeliveryException"/> class.</summary>
    public TicketDeliveryException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TicketDeliveryException"/> class.</summary>
    /// <param name="message">What failed, for operators (never shown to end users).</param>
    public TicketDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TicketDeliveryException"/> class.</summary>
    /// <param name="message">What failed, for operators (never shown to end users).</param>
    /// <param name="innerException">The cause.</param>
    public TicketDeliveryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Gets a value indicating whether trying again cannot help (the receiver rejected the ticket itself), so the
    /// delivery goes straight to the dead letters for an operator to look at.
    /// </summary>
    public bool IsPermanent { get; init; }
}
