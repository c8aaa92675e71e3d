namespace HelpWidget;

/// <summary>
/// Sums what a store reads for one report (<see cref="IHelpInsightsRows"/>): counters, events of partial days, session
/// summaries and replaced votes. <see cref="HelpInsightsReportBuilder"/> makes one per report and turns it into the figures.
/// </summary>
/// <remarks>Not thread-safe: one report adds to it at a time.</remarks>
public sealed class HelpInsightsAccumulator
{
    private readonly Dictionary<(HelpInsightsMetric Metric, string Key1, string Key2), int> _counts = [];
    private readonly Dictionary<long, int> _ticketsByDay = [];
    private readonly Dictionary<long, int> _resolvedByDay = [];

    internal HelpInsightsAccumulator()
    {
    }

    internal IReadOnlyDictionary<(HelpInsightsMetric Metric, string Key1, string Key2), int> Counts => _counts;

    internal IReadOnlyDictionary<long, int> TicketsByDay => _ticketsByDay;

    internal IReadOnlyDictionary<long, int> ResolvedByDay => _resolvedByDay;

    /// <summary>Adds to a counter of the period.</summary>
    /// <param name="metric">What it counts.</param>
    /// <param name="key1">Its first key.</param>
    /// <param name="key2">Its second key.</param>
    /// <param name="value">The amount, negative to subtract.</param>
    /// <exception cref="ArgumentNullException">A key is <see langword="null"/>.</exception>
    public void AddCounter(HelpInsightsMetric metric, string key1, string key2, int value)
    {
        ArgumentNullException.ThrowIfNull(key1);
        ArgumentNullException.ThrowIfNull(key2);
        var key = (metric, key1, key2);
        _counts[key] = _counts.GetValueOrDefault(key) + value;
    }

    /// <summary>
    /// Adds to the tickets or resolutions of one day for the report's series (<see cref="HelpInsightsReport.Days"/>);
    /// the period's totals come from <see cref="AddCounter"/>.
    /// </summary>
    /// <param name="day">The day, as days since 1970-01-01.</param>
    /// <param name="metric"><see cref="HelpInsightsMetric.Ticket"/> or <see cref="HelpInsightsMetric.Resolved"/>.</param>
    /// <param name="value">The amount.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metric"/> is another metric.</exception>
    public void AddDayCounter(long day, HelpInsightsMetric metric, int value)
    {
        var byDay = metric switch
        {
            HelpInsightsMetric.Ticket => _ticketsByDay,
            HelpInsightsMetric.Resolved => _resolvedByDay,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, $"Only {nameof(HelpInsightsMetric.Ticket)} and {nameof(HelpInsightsMetric.Resolved)} are counted per day."),
        };
        byDay[day] = byDay.GetValueOrDefault(day) + value;
    }

    /// <summary>Adds an event of a partial day as the counters of whole days count it.</summary>
    /// <param name="row">The event as stored.</param>
    public void AddEvent(HelpInsightsEventRow row)
    {
        foreach (var (metric, key1, key2) in HelpInsightsCounters.Of(row))
        {
            AddCounter(metric, key1, key2, 1);
        }

        if (row.Kind == HelpEventKind.TicketCreated)
        {
            AddDayCounter(HelpInsightsCounters.DayOf(row.At), HelpInsightsMetric.Ticket, 1);
        }
    }

    /// <summary>Adds a session that started in a partial day as the counters of whole days count it.</summary>
    /// <param name="session">The session's summary.</param>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is <see langword="null"/>.</exception>
    public void AddSession(HelpSessionSummary session)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var (metric, key, delta) in session.Contribution())
        {
            AddCounter(metric, key, string.Empty, delta);
        }

        if (session is { Resolved: true, Start: { } start })
        {
            AddDayCounter(HelpInsightsCounters.DayOf(start), HelpInsightsMetric.Resolved, 1);
        }
    }

    /// <summary>Subtracts votes of the period that a later vote of the same user and article in the period replaced.</summary>
    /// <param name="articleId">The article.</param>
    /// <param name="helpful">The replaced votes' answer.</param>
    /// <param name="reason">Their reason.</param>
    /// <param name="count">How many.</param>
    /// <exception cref="ArgumentNullException"><paramref name="articleId"/> is <see langword="null"/>.</exception>
    public void SubtractReplacedVotes(string articleId, bool helpful, string? reason, int count) =>
        AddCounter(HelpInsightsMetric.Vote, articleId, HelpInsightsCounters.VoteKey(helpful, reason), -count);
}
