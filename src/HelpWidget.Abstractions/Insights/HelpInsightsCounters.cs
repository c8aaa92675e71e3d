namespace HelpWidget;

/// <summary>
/// The counters an <see cref="IHelpEventStore"/> keeps so that a report reads sums instead of every event: their
/// calendar (UTC days, weeks from Monday and months, numbered from 1970; times are Unix milliseconds), the keys of their
/// rows, and what each event adds to them. The SQLite and PostgreSQL stores keep them; a store of another kind can too,
/// and then compute its reports with <see cref="HelpInsightsReportBuilder"/>.
/// </summary>
/// <remarks>Thread-safe: every member is a pure function.</remarks>
public static class HelpInsightsCounters
{
    /// <summary>The length of a day, in milliseconds.</summary>
    public const long MillisecondsPerDay = 86_400_000;

    /// <summary>Stands for "none" in a key, which cannot be null; no stored text holds a control character.</summary>
    public static readonly string None = "\u0001";

    /// <summary>Separates the parts of a composite key; no stored text holds a control character.</summary>
    public static readonly char Separator = '\u0002';

    private static readonly int s_epochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>Gets the UTC day of a time.</summary>
    /// <param name="at">The time, in Unix milliseconds.</param>
    /// <returns>The day, as days since 1970-01-01.</returns>
    public static long DayOf(long at) => at >= 0 ? at / MillisecondsPerDay : ((at + 1) / MillisecondsPerDay) - 1;

    /// <summary>Gets the date of a day.</summary>
    /// <param name="day">The day, as days since 1970-01-01.</param>
    /// <returns>The date.</returns>
    public static DateOnly DateOf(long day) => DateOnly.FromDayNumber((int)(s_epochDay + day));

    /// <summary>Gets the month of a day.</summary>
    /// <param name="day">The day, as days since 1970-01-01.</param>
    /// <returns>The month, as months since January 1970.</returns>
    public static long MonthOf(long day)
    {
        var date = DateOf(day);
        return ((date.Year - 1970) * 12L) + date.Month - 1;
    }

    /// <summary>Gets the week (Monday to Sunday) of a day.</summary>
    /// <param name="day">The day, as days since 1970-01-01 (a Thursday).</param>
    /// <returns>The week, as weeks since the one holding 1970-01-01.</returns>
    public static long WeekOf(long day) => day >= -3 ? (day + 3) / 7 : ((day + 4) / 7) - 1;

    /// <summary>Gets the first day (a Monday) of a week.</summary>
    /// <param name="week">The week, as <see cref="WeekOf"/> numbers it.</param>
    /// <returns>The day, as days since 1970-01-01.</returns>
    public static long FirstDayOfWeek(long week) => (week * 7) - 3;

    /// <summary>Gets the first day of a month.</summary>
    /// <param name="month">The month, as months since January 1970.</param>
    /// <returns>The day, as days since 1970-01-01.</returns>
    public static long FirstDayOfMonth(long month) =>
        new DateOnly(1970 + (int)Math.Floor(month / 12.0), (int)(((month % 12) + 12) % 12) + 1, 1).DayNumber - s_epochDay;

    /// <summary>Gets the key of an optional text: the text, or <see cref="None"/>.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The key.</returns>
    public static string Key(string? value) => value ?? None;

    /// <summary>Gets the text of a key made by <see cref="Key"/>.</summary>
    /// <param name="value">The key.</param>
    /// <returns>The text, or <see langword="null"/> for <see cref="None"/>.</returns>
    public static string? Unkey(string value) => value == None ? null : value;

    /// <summary>Gets the second key of a <see cref="HelpInsightsMetric.Vote"/> counter: the answer (1 or 0) and the reason.</summary>
    /// <param name="helpful">The answer.</param>
    /// <param name="reason">The reason given with a "No".</param>
    /// <returns>The key.</returns>
    public static string VoteKey(bool helpful, string? reason) => (helpful ? "1" : "0") + Separator + Key(reason);

    /// <summary>Gets the first key of a route counter (<see cref="HelpInsightsMetric.SearchRoute"/> and the like): the query and the language.</summary>
    /// <param name="query">The normalised query.</param>
    /// <param name="language">The language.</param>
    /// <returns>The key.</returns>
    public static string RouteKey(string? query, string? language) => Key(query) + Separator + Key(language);

    /// <summary>
    /// Splits the whole days from <paramref name="firstDay"/> to <paramref name="endDay"/> (excluded) into the fewest
    /// counter units to read: whole months, whole weeks of the rest, and the other days.
    /// </summary>
    /// <param name="firstDay">The first day, as days since 1970-01-01.</param>
    /// <param name="endDay">The day after the last.</param>
    /// <returns>Blocks of consecutive units of one grain, from <c>From</c> to <c>To</c> (excluded), in units of that grain.</returns>
    public static IReadOnlyList<(HelpInsightsGrain Grain, long From, long To)> Split(long firstDay, long endDay)
    {
        var blocks = new List<(HelpInsightsGrain Grain, long From, long To)>();
        var firstMonth = MonthOf(firstDay) + (FirstDayOfMonth(MonthOf(firstDay)) < firstDay ? 1 : 0);
        var endMonth = MonthOf(endDay);
        if (firstMonth < endMonth)
        {
            Add(HelpInsightsGrain.Month, firstMonth, endMonth);
            AddWeeksAndDays(firstDay, FirstDayOfMonth(firstMonth));
            AddWeeksAndDays(FirstDayOfMonth(endMonth), endDay);
        }
        else
        {
            AddWeeksAndDays(firstDay, endDay);
        }

        return blocks;

        void AddWeeksAndDays(long first, long end)
        {
            var firstWeek = WeekOf(first) + (FirstDayOfWeek(WeekOf(first)) < first ? 1 : 0);
            var endWeek = WeekOf(end);
            if (firstWeek < endWeek)
            {
                Add(HelpInsightsGrain.Week, firstWeek, endWeek);
                Add(HelpInsightsGrain.Day, first, FirstDayOfWeek(firstWeek));
                Add(HelpInsightsGrain.Day, FirstDayOfWeek(endWeek), end);
            }
            else
            {
                Add(HelpInsightsGrain.Day, first, end);
            }
        }

        void Add(HelpInsightsGrain grain, long first, long end)
        {
            if (first < end)
            {
                blocks.Add((grain, first, end));
            }
        }
    }

    /// <summary>
    /// Gets what one event adds to the counters of its day, but for what depends on other events (sessions, and the
    /// <see cref="HelpInsightsMetric.Followed"/> and <see cref="HelpInsightsMetric.FailedDeflection"/> marks, which
    /// count as <paramref name="row"/> says).
    /// </summary>
    /// <param name="row">The event as stored.</param>
    /// <returns>The counters, each with its two keys; the event adds 1 to each.</returns>
    public static IEnumerable<(HelpInsightsMetric Metric, string Key1, string Key2)> Of(HelpInsightsEventRow row)
    {
        if (row.IsSimulated)
        {
            yield return (HelpInsightsMetric.Simulated, string.Empty, string.Empty);
        }

        switch (row.Kind)
        {
            case HelpEventKind.Search or HelpEventKind.ZeroResultSearch:
                foreach (var counter in SearchCounters(row, HelpInsightsMetric.Search, HelpInsightsMetric.SearchRoute))
                {
                    yield return counter;
                }

                if (row.Kind == HelpEventKind.ZeroResultSearch)
                {
                    foreach (var counter in SearchCounters(row, HelpInsightsMetric.ZeroResults, HelpInsightsMetric.ZeroResultsRoute))
                    {
                        yield return counter;
                    }
                }

                if (row.FollowedByTicket)
                {
                    foreach (var counter in SearchCounters(row, HelpInsightsMetric.Followed, HelpInsightsMetric.FollowedRoute))
                    {
                        yield return counter;
                    }
                }

                break;
            case HelpEventKind.ArticleViewed:
                yield return (HelpInsightsMetric.View, string.Empty, string.Empty);
                if (row.ArticleId is { } viewed)
                {
                    yield return (HelpInsightsMetric.ArticleView, viewed, string.Empty);
                    if (row.Source == HelpArticleSource.Search)
                    {
                        yield return (HelpInsightsMetric.ArticleViewFromSearch, viewed, string.Empty);
                    }
                }

                break;
            case HelpEventKind.ContactStarted:
                yield return (HelpInsightsMetric.Contact, row.Route ?? "/", string.Empty);
                if (row.ArticleReadBefore is { } before)
                {
                    yield return (HelpInsightsMetric.ContactAfterArticle, before, string.Empty);
                }

                break;
            case HelpEventKind.TicketCreated:
                yield return (HelpInsightsMetric.Ticket, row.Route ?? "/", string.Empty);
                if (row.FailedDeflection)
                {
                    yield return (HelpInsightsMetric.FailedDeflection, string.Empty, string.Empty);
                }

                break;
            case HelpEventKind.DeflectionConfirmed when row.ArticleId is { } article:
                yield return (HelpInsightsMetric.Confirmation, article, string.Empty);
                break;
            case HelpEventKind.Vote when row is { ArticleId: { } article, Helpful: { } helpful }:
                yield return (HelpInsightsMetric.Vote, article, VoteKey(helpful, row.Reason));
                break;
        }
    }

    /// <summary>Gets what a search marked as followed by a ticket adds to the counters of its day.</summary>
    /// <param name="row">The search as stored.</param>
    /// <returns>The counters, each with its two keys.</returns>
    public static IEnumerable<(HelpInsightsMetric Metric, string Key1, string Key2)> OfFollowedSearch(HelpInsightsEventRow row) =>
        SearchCounters(row, HelpInsightsMetric.Followed, HelpInsightsMetric.FollowedRoute);

    private static IEnumerable<(HelpInsightsMetric Metric, string Key1, string Key2)> SearchCounters(HelpInsightsEventRow row, HelpInsightsMetric metric, HelpInsightsMetric routeMetric)
    {
        yield return (metric, Key(row.Query), Key(row.Language));
        if (row.Route is not null)
        {
            yield return (routeMetric, RouteKey(row.Query, row.Language), row.Route);
        }
    }
}
