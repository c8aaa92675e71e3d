namespace HelpWidget;

/// <summary>The time spans in the definitions of the insights, the same for every store (see <see cref="HelpInsightsReport"/>).</summary>
public static class HelpInsightsDefinitions
{
    /// <summary>Gets the inactivity after which a help session ends: 30 minutes.</summary>
    public static TimeSpan SessionTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Gets the time after a help session's last event in which a ticket from the same user means the session was not
    /// resolved, and after reading an article in which a ticket is a failed deflection: 24 hours (included).
    /// </summary>
    public static TimeSpan TicketWindow { get; } = TimeSpan.FromHours(24);
}
