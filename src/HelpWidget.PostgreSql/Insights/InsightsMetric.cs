namespace HelpWidget.PostgreSql.Insights;

/// <summary>What a counter of <c>help_counts</c> counts. The numbers are stored; they are the SQLite store's too.</summary>
internal enum InsightsMetric : short
{
    Search = 1,
    ZeroResults = 2,
    Followed = 3,
    View = 4,
    Contact = 5,
    Ticket = 6,
    Confirmation = 7,
    FailedDeflection = 8,
    Sessions = 9,
    WithSearch = 10,
    WithArticle = 11,
    WithContact = 12,
    WithTicket = 13,
    Resolved = 14,
    ResolvedWithArticle = 15,
    Simulated = 16,

    // Votes per article, answer and reason (InsightsUnits.VoteKey): all votes; the replaced ones are subtracted when read.
    Vote = 17,

    // Metrics above 17 are not read in bulk. The routes of searches, keyed by query and language (InsightsUnits.RouteKey)
    // and route: read only for the rows a report shows.
    SearchRoute = 18,
    ZeroResultsRoute = 19,
    FollowedRoute = 20,
}
