namespace HelpWidget;

/// <summary>What happened in a <see cref="HelpEvent"/>. The numbers are stored: they never change meaning.</summary>
public enum HelpEventKind
{
    /// <summary>A help session started: the user opened the widget, or came back to it after 30 minutes of inactivity.</summary>
    SessionStarted = 1,

    /// <summary>A search with at least one result.</summary>
    Search = 2,

    /// <summary>A search with no results.</summary>
    ZeroResultSearch = 3,

    /// <summary>Articles were suggested for the page without a search.</summary>
    SuggestionShown = 4,

    /// <summary>An article was opened; <see cref="HelpEvent.Source"/> says from where.</summary>
    ArticleViewed = 5,

    /// <summary>"Was this helpful?" was answered; <see cref="HelpEvent.Helpful"/> and <see cref="HelpEvent.Reason"/> hold the answer.</summary>
    Vote = 6,

    /// <summary>The user opened the contact form.</summary>
    ContactStarted = 7,

    /// <summary>A ticket was stored.</summary>
    TicketCreated = 8,

    /// <summary>The user said an article suggested on the contact form solved their problem ("this solved my problem").</summary>
    DeflectionConfirmed = 9,

    /// <summary>An announcement was shown.</summary>
    AnnouncementShown = 10,

    /// <summary>An announcement was dismissed.</summary>
    AnnouncementDismissed = 11,
}
