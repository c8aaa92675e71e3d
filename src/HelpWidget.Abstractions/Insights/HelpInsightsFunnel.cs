namespace HelpWidget;

/// <summary>How far the help sessions of a period went: each figure counts sessions that reached the step.</summary>
public sealed class HelpInsightsFunnel
{
    /// <summary>Gets the number of help sessions that started in the period.</summary>
    public required int Sessions { get; init; }

    /// <summary>Gets the number of those sessions with at least one search.</summary>
    public required int WithSearch { get; init; }

    /// <summary>Gets the number of those sessions with at least one article opened.</summary>
    public required int WithArticle { get; init; }

    /// <summary>Gets the number of those sessions in which the contact form was opened.</summary>
    public required int WithContact { get; init; }

    /// <summary>Gets the number of those sessions in which a ticket was created.</summary>
    public required int WithTicket { get; init; }
}
