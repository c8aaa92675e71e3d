namespace HelpWidget;

/// <summary>
/// What a store reads for one report that <see cref="HelpInsightsReportBuilder"/> computes: the counters of whole
/// days, the events and session summaries of partial days, the replaced votes, the routes of the rows shown and the
/// comments of the worst-rated articles. Each method adds what it reads to the accumulator it is given (or returns it).
/// Days are days since 1970-01-01 (UTC) and times Unix milliseconds, as <see cref="HelpInsightsCounters"/> counts them.
/// </summary>
/// <remarks>The builder calls one method at a time, so an implementation may use one connection.</remarks>
public interface IHelpInsightsRows
{
    /// <summary>
    /// Adds the counters of the days from <paramref name="firstDay"/> to <paramref name="endDay"/> (excluded), summed,
    /// of the metrics up to <see cref="HelpInsightsMetric.Vote"/> (<see cref="HelpInsightsAccumulator.AddCounter"/>),
    /// and, per day, those of <see cref="HelpInsightsMetric.Ticket"/> and <see cref="HelpInsightsMetric.Resolved"/>
    /// (<see cref="HelpInsightsAccumulator.AddDayCounter"/>). <see cref="HelpInsightsCounters.Split"/> gives the fewest units to read.
    /// </summary>
    /// <param name="firstDay">The first whole day.</param>
    /// <param name="endDay">The day after the last.</param>
    /// <param name="accumulator">Where to add them.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>A task that completes when they are added.</returns>
    Task ReadCountersAsync(long firstDay, long endDay, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken);

    /// <summary>Adds each event from <paramref name="startAt"/> to <paramref name="endAt"/> (excluded) with <see cref="HelpInsightsAccumulator.AddEvent"/>.</summary>
    /// <param name="startAt">The first time.</param>
    /// <param name="endAt">The end.</param>
    /// <param name="accumulator">Where to add them.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>A task that completes when they are added.</returns>
    Task ReadEventsAsync(long startAt, long endAt, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken);

    /// <summary>Adds each session that started from <paramref name="startAt"/> to <paramref name="endAt"/> (excluded) with <see cref="HelpInsightsAccumulator.AddSession"/>.</summary>
    /// <param name="startAt">The first time.</param>
    /// <param name="endAt">The end.</param>
    /// <param name="accumulator">Where to add them.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>A task that completes when they are added.</returns>
    Task ReadSessionsAsync(long startAt, long endAt, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken);

    /// <summary>
    /// Subtracts the votes from <paramref name="startAt"/> to <paramref name="endAt"/> that a later vote of the same user and
    /// article, also before <paramref name="endAt"/>, replaced (<see cref="HelpInsightsAccumulator.SubtractReplacedVotes"/>).
    /// </summary>
    /// <param name="startAt">The first time.</param>
    /// <param name="endAt">The end.</param>
    /// <param name="accumulator">Where to subtract them.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>A task that completes when they are subtracted.</returns>
    Task ReadReplacedVotesAsync(long startAt, long endAt, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the route counters of <paramref name="metric"/> whose first key is one of <paramref name="keys"/>, summed over
    /// the days from <paramref name="firstDay"/> to <paramref name="endDay"/> (excluded), with <see cref="HelpInsightsAccumulator.AddCounter"/>.
    /// </summary>
    /// <param name="metric">A route metric, such as <see cref="HelpInsightsMetric.SearchRoute"/>.</param>
    /// <param name="keys">The first keys (<see cref="HelpInsightsCounters.RouteKey"/>), at least one.</param>
    /// <param name="firstDay">The first whole day.</param>
    /// <param name="endDay">The day after the last.</param>
    /// <param name="accumulator">Where to add them.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>A task that completes when they are added.</returns>
    Task ReadRouteCountersAsync(HelpInsightsMetric metric, IReadOnlyCollection<string> keys, long firstDay, long endDay, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the comments given with "No" answers to these articles in the report's period, most recent first (of equal
    /// times, the later given), at most <see cref="HelpArticleRating.MaxComments"/> per article, scrubbed of personal data.
    /// </summary>
    /// <param name="articleIds">The articles, at least one.</param>
    /// <param name="query">The report's period.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The comments per article; an article left out has none. An empty dictionary when the store keeps no comments or has no scrubber.</returns>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadCommentsAsync(IReadOnlyList<string> articleIds, HelpInsightsQuery query, CancellationToken cancellationToken);
}
