namespace HelpWidget;

/// <summary>How often users reached people from one page in a period.</summary>
public sealed class HelpRouteContacts
{
    /// <summary>Gets the page's route; <c>/</c> when unknown.</summary>
    public required string Route { get; init; }

    /// <summary>Gets the number of times the contact form was opened there.</summary>
    public required int ContactsStarted { get; init; }

    /// <summary>Gets the number of tickets created there.</summary>
    public required int Tickets { get; init; }
}
