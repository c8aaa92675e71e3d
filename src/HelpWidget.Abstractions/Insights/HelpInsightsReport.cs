namespace HelpWidget;

/// <summary>
/// The figures of a period, by the definitions of the insights. A help session is one user's use of the widget from
/// opening it until 30 minutes of inactivity, and belongs to the period in which it started; a self-service
/// resolution is a help session with at least one article read or a "this solved my problem", and no ticket from the
/// same user from its start until 24 hours after its last event; a failed deflection is a ticket created within 24
/// hours after the same user read an article; the Self Service Rate is resolutions / (resolutions + tickets); a
/// content gap is a normalised search with no results, or one followed in its session by a ticket with no article
/// opened in between; helpfulness is yes / (yes + no) per article, the last answer of each user counting.
/// </summary>
public sealed class HelpInsightsReport
{
    /// <summary>Gets the start of the period, included.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>Gets the end of the period, excluded.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Gets how far the help sessions that started in the period went.</summary>
    public required HelpInsightsFunnel Funnel { get; init; }

    /// <summary>Gets the number of searches made in the period, with and without results.</summary>
    public required int Searches { get; init; }

    /// <summary>
    /// Gets the number of events in the period that were simulated (<see cref="HelpEvent.IsSimulated"/>, demonstration
    /// data); more than 0 means the figures include demonstration data and must be shown as such. Defaults to 0.
    /// </summary>
    public int SimulatedEvents { get; init; }

    /// <summary>Gets the number of articles opened in the period.</summary>
    public required int ArticleViews { get; init; }

    /// <summary>Gets the number of self-service resolutions among the help sessions that started in the period.</summary>
    public required int SelfServiceResolutions { get; init; }

    /// <summary>Gets the number of tickets created in the period.</summary>
    public required int Tickets { get; init; }

    /// <summary>Gets the number of tickets created in the period within 24 hours after the same user read an article.</summary>
    public required int FailedDeflections { get; init; }

    /// <summary>Gets the Self Service Rate, resolutions / (resolutions + tickets); <see langword="null"/> when both are zero.</summary>
    public double? SelfServiceRate => SelfServiceResolutions + Tickets == 0 ? null : (double)SelfServiceResolutions / (SelfServiceResolutions + Tickets);

    /// <summary>Gets the Self Service Rate of each day (UTC) of the period, oldest first, days without data included.</summary>
    public IReadOnlyList<HelpInsightsDay> Days { get; init; } = [];

    /// <summary>Gets the most frequent searches, most frequent first (then by query).</summary>
    public IReadOnlyList<HelpQueryCount> TopSearches { get; init; } = [];

    /// <summary>Gets the most frequent searches without results (content gaps), most frequent first.</summary>
    public IReadOnlyList<HelpQueryCount> ZeroResultSearches { get; init; } = [];

    /// <summary>Gets the searches most often followed in their session by a ticket with no article opened in between (content gaps), most frequent first.</summary>
    public IReadOnlyList<HelpQueryCount> SearchesFollowedByTicket { get; init; } = [];

    /// <summary>Gets the articles with the lowest helpfulness, lowest first (then most "No" answers), with the reasons for "No".</summary>
    public IReadOnlyList<HelpArticleRating> WorstRatedArticles { get; init; } = [];

    /// <summary>Gets the pages from which users most often reached people (contact form opened plus tickets), most first.</summary>
    public IReadOnlyList<HelpRouteContacts> PagesWithMostContacts { get; init; } = [];

    /// <summary>Gets the articles that solved the most problems without a ticket, most first.</summary>
    public IReadOnlyList<HelpArticleDeflections> TopDeflectingArticles { get; init; } = [];

    /// <summary>
    /// Gets every article read, voted on or followed by a contact form in the period, ordered by id (ordinal), with its
    /// figures; the figures by area are their sums. Defaults to empty.
    /// </summary>
    public IReadOnlyList<HelpArticleFigures> Articles { get; init; } = [];
}
