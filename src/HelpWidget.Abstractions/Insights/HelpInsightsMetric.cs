namespace HelpWidget;

/// <summary>
/// What a counter of an <see cref="IHelpEventStore"/> counts, per UTC day (and summed per week and month), keyed as
/// <see cref="HelpInsightsCounters"/> describes. The numbers are stored: they never change meaning.
/// </summary>
public enum HelpInsightsMetric : short
{
    /// <summary>Searches, with and without results; keys: the query and the language (<see cref="HelpInsightsCounters.Key"/>).</summary>
    Search = 1,

    /// <summary>Searches without results; keys: the query and the language.</summary>
    ZeroResults = 2,

    /// <summary>Searches followed in their session by a ticket with no article opened in between; keys: the query and the language.</summary>
    Followed = 3,

    /// <summary>Articles opened; both keys empty.</summary>
    View = 4,

    /// <summary>Contact forms opened; keys: the route (<c>/</c> when unknown) and an empty string.</summary>
    Contact = 5,

    /// <summary>Tickets created; keys: the route (<c>/</c> when unknown) and an empty string.</summary>
    Ticket = 6,

    /// <summary>"This solved my problem" answers; keys: the article and an empty string.</summary>
    Confirmation = 7,

    /// <summary>Tickets created within 24 hours after the same user read an article; both keys empty.</summary>
    FailedDeflection = 8,

    /// <summary>Help sessions, counted on the day they started; both keys empty.</summary>
    Sessions = 9,

    /// <summary>Help sessions with a search; both keys empty.</summary>
    WithSearch = 10,

    /// <summary>Help sessions with an article opened; both keys empty.</summary>
    WithArticle = 11,

    /// <summary>Help sessions with the contact form opened; both keys empty.</summary>
    WithContact = 12,

    /// <summary>Help sessions with a ticket; both keys empty.</summary>
    WithTicket = 13,

    /// <summary>Self-service resolutions; both keys empty.</summary>
    Resolved = 14,

    /// <summary>Self-service resolutions per article read or confirmed in them; keys: the article and an empty string.</summary>
    ResolvedWithArticle = 15,

    /// <summary>Simulated events; both keys empty.</summary>
    Simulated = 16,

    /// <summary>
    /// Every vote per article, answer and reason; keys: the article and <see cref="HelpInsightsCounters.VoteKey"/>. A report
    /// subtracts the votes a later vote of the same user and article replaced within its period.
    /// </summary>
    Vote = 17,

    /// <summary>
    /// The routes of searches; keys: <see cref="HelpInsightsCounters.RouteKey"/> and the route. Read only for the rows a
    /// report shows: metrics from this one to <see cref="FollowedRoute"/> are not read in bulk.
    /// </summary>
    SearchRoute = 18,

    /// <summary>The routes of searches without results; keys as <see cref="SearchRoute"/>.</summary>
    ZeroResultsRoute = 19,

    /// <summary>The routes of searches followed by a ticket; keys as <see cref="SearchRoute"/>.</summary>
    FollowedRoute = 20,

    /// <summary>Articles opened, per article; keys: the article and an empty string.</summary>
    ArticleView = 21,

    /// <summary>Articles opened from search results, per article; keys: the article and an empty string.</summary>
    ArticleViewFromSearch = 22,

    /// <summary>
    /// Contact forms opened, per the last article read before them in their session; keys: the article and an empty
    /// string. A contact form opened with no article read before it is not counted here.
    /// </summary>
    ContactAfterArticle = 23,
}
