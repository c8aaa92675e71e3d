namespace HelpWidget;

/// <summary>
/// Computes a <see cref="HelpInsightsReport"/> from the counters and rows a store keeps (<see cref="IHelpInsightsRows"/>):
/// whole UTC days from the counters, the partial days at the period's ends from their events and session summaries, the
/// last vote of each user and article from all votes less the replaced ones, then the routes and comments of the rows
/// shown. Every store that keeps <see cref="HelpInsightsCounters"/> computes its reports here, so that their figures agree.
/// </summary>
/// <remarks>Thread-safe; each call reads through its own <see cref="IHelpInsightsRows"/>.</remarks>
public static class HelpInsightsReportBuilder
{
    /// <summary>Reads and computes the figures of a period.</summary>
    /// <param name="query">The period and the size of the tables.</param>
    /// <param name="rows">What the store reads.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The figures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> or <paramref name="rows"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="query"/> breaks a rule of <see cref="HelpInsightsQuery.Validate"/>.</exception>
    public static async Task<HelpInsightsReport> BuildAsync(HelpInsightsQuery query, IHelpInsightsRows rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(rows);
        query.Validate();
        var from = query.From.ToUnixTimeMilliseconds();
        var to = query.To.ToUnixTimeMilliseconds();
        var accumulator = new HelpInsightsAccumulator();
        var firstWholeDay = HelpInsightsCounters.DayOf(from - 1) + 1;
        var endWholeDay = HelpInsightsCounters.DayOf(to);
        (long First, long End)? wholeDays = null;
        var edges = new List<(long From, long To)>();
        if (firstWholeDay >= endWholeDay)
        {
            edges.Add((from, to));
        }
        else
        {
            edges.Add((from, firstWholeDay * HelpInsightsCounters.MillisecondsPerDay));
            edges.Add((endWholeDay * HelpInsightsCounters.MillisecondsPerDay, to));
            wholeDays = (firstWholeDay, endWholeDay);
            await rows.ReadCountersAsync(firstWholeDay, endWholeDay, accumulator, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (edgeFrom, edgeTo) in edges.Where(edge => edge.From < edge.To))
        {
            await rows.ReadEventsAsync(edgeFrom, edgeTo, accumulator, cancellationToken).ConfigureAwait(false);
            await rows.ReadSessionsAsync(edgeFrom, edgeTo, accumulator, cancellationToken).ConfigureAwait(false);
        }

        await rows.ReadReplacedVotesAsync(from, to, accumulator, cancellationToken).ConfigureAwait(false);
        var counts = accumulator.Counts;
        var ratings = await RatingsAsync(query, rows, counts, cancellationToken).ConfigureAwait(false);

        int Sum(HelpInsightsMetric metric) => counts.Where(c => c.Key.Metric == metric).Sum(c => c.Value);
        async Task<List<HelpQueryCount>> QueriesAsync(HelpInsightsMetric metric, HelpInsightsMetric routeMetric)
        {
            var top = counts
                .Where(c => c.Key.Metric == metric && c.Key.Key1 != HelpInsightsCounters.None && c.Value > 0)
                .Select(c => (Query: c.Key.Key1, Language: HelpInsightsCounters.Unkey(c.Key.Key2), Count: c.Value))
                .OrderByDescending(q => q.Count).ThenBy(q => q.Query, StringComparer.Ordinal).ThenBy(q => q.Language, StringComparer.Ordinal)
                .Take(query.Top)
                .ToList();
            var keys = top.Select(q => HelpInsightsCounters.RouteKey(q.Query, q.Language)).Distinct(StringComparer.Ordinal).ToList();
            if (wholeDays is var (first, end) && keys.Count > 0)
            {
                await rows.ReadRouteCountersAsync(routeMetric, keys, first, end, accumulator, cancellationToken).ConfigureAwait(false);
            }

            var wanted = keys.ToHashSet(StringComparer.Ordinal);
            var routes = counts
                .Where(c => c.Key.Metric == routeMetric && c.Value > 0 && wanted.Contains(c.Key.Key1))
                .GroupBy(c => c.Key.Key1, StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => g.OrderByDescending(r => r.Value).ThenBy(r => r.Key.Key2, StringComparer.Ordinal).Select(r => r.Key.Key2).First(),
                    StringComparer.Ordinal);
            return [.. top.Select(q => new HelpQueryCount
            {
                Query = q.Query,
                Language = q.Language,
                Count = q.Count,
                Route = routes.GetValueOrDefault(HelpInsightsCounters.RouteKey(q.Query, q.Language)),
            })];
        }

        Dictionary<string, int> ByKey(HelpInsightsMetric metric) => counts
            .Where(c => c.Key.Metric == metric && c.Value > 0)
            .GroupBy(c => c.Key.Key1, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);

        var resolutionsByArticle = ByKey(HelpInsightsMetric.ResolvedWithArticle);
        var confirmations = ByKey(HelpInsightsMetric.Confirmation);
        var days = new List<HelpInsightsDay>();
        var lastDay = DateOnly.FromDateTime(query.To.UtcDateTime.AddTicks(-1));
        var epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        for (var day = DateOnly.FromDateTime(query.From.UtcDateTime); day <= lastDay; day = day.AddDays(1))
        {
            days.Add(new HelpInsightsDay
            {
                Date = day,
                Resolutions = accumulator.ResolvedByDay.GetValueOrDefault(day.DayNumber - epoch),
                Tickets = accumulator.TicketsByDay.GetValueOrDefault(day.DayNumber - epoch),
            });
        }

        var contacts = counts.Where(c => c.Key.Metric is HelpInsightsMetric.Contact or HelpInsightsMetric.Ticket && c.Value > 0).GroupBy(c => c.Key.Key1, StringComparer.Ordinal);
        return new HelpInsightsReport
        {
            From = query.From,
            To = query.To,
            Funnel = new HelpInsightsFunnel
            {
                Sessions = Sum(HelpInsightsMetric.Sessions),
                WithSearch = Sum(HelpInsightsMetric.WithSearch),
                WithArticle = Sum(HelpInsightsMetric.WithArticle),
                WithContact = Sum(HelpInsightsMetric.WithContact),
                WithTicket = Sum(HelpInsightsMetric.WithTicket),
            },
            Searches = Sum(HelpInsightsMetric.Search),
            SimulatedEvents = Sum(HelpInsightsMetric.Simulated),
            ArticleViews = Sum(HelpInsightsMetric.View),
            SelfServiceResolutions = Sum(HelpInsightsMetric.Resolved),
            Tickets = Sum(HelpInsightsMetric.Ticket),
            FailedDeflections = Sum(HelpInsightsMetric.FailedDeflection),
            Days = days,
            TopSearches = await QueriesAsync(HelpInsightsMetric.Search, HelpInsightsMetric.SearchRoute).ConfigureAwait(false),
            ZeroResultSearches = await QueriesAsync(HelpInsightsMetric.ZeroResults, HelpInsightsMetric.ZeroResultsRoute).ConfigureAwait(false),
            SearchesFollowedByTicket = await QueriesAsync(HelpInsightsMetric.Followed, HelpInsightsMetric.FollowedRoute).ConfigureAwait(false),
            WorstRatedArticles = ratings,
            PagesWithMostContacts = [.. contacts
                .Select(g => new HelpRouteContacts
                {
                    Route = g.Key,
                    ContactsStarted = g.Where(c => c.Key.Metric == HelpInsightsMetric.Contact).Sum(c => c.Value),
                    Tickets = g.Where(c => c.Key.Metric == HelpInsightsMetric.Ticket).Sum(c => c.Value),
                })
                .OrderByDescending(r => r.ContactsStarted + r.Tickets).ThenBy(r => r.Route, StringComparer.Ordinal)
                .Take(query.Top)],
            TopDeflectingArticles = [.. resolutionsByArticle.Keys.Union(confirmations.Keys, StringComparer.Ordinal)
                .Select(id => new HelpArticleDeflections { ArticleId = id, Resolutions = resolutionsByArticle.GetValueOrDefault(id), Confirmations = confirmations.GetValueOrDefault(id) })
                .OrderByDescending(a => a.Resolutions).ThenByDescending(a => a.Confirmations).ThenBy(a => a.ArticleId, StringComparer.Ordinal)
                .Take(query.Top)],
            Articles = Articles(counts),
        };
    }

    /// <summary>The figures of every article: views, views from search and contacts after it from their counters, votes as for the ratings.</summary>
    private static List<HelpArticleFigures> Articles(IReadOnlyDictionary<(HelpInsightsMetric Metric, string Key1, string Key2), int> counts)
    {
        var figures = new SortedDictionary<string, (int Views, int FromSearch, int Yes, int No, int Contacts)>(StringComparer.Ordinal);
        foreach (var ((metric, key1, key2), value) in counts)
        {
            if (value <= 0 || metric is not (HelpInsightsMetric.ArticleView or HelpInsightsMetric.ArticleViewFromSearch or HelpInsightsMetric.ContactAfterArticle or HelpInsightsMetric.Vote))
            {
                continue;
            }

            var f = figures.GetValueOrDefault(key1);
            figures[key1] = metric switch
            {
                HelpInsightsMetric.ArticleView => f with { Views = f.Views + value },
                HelpInsightsMetric.ArticleViewFromSearch => f with { FromSearch = f.FromSearch + value },
                HelpInsightsMetric.ContactAfterArticle => f with { Contacts = f.Contacts + value },
                _ when key2[0] == '1' => f with { Yes = f.Yes + value },
                _ => f with { No = f.No + value },
            };
        }

        return [.. figures.Select(f => new HelpArticleFigures
        {
            ArticleId = f.Key,
            Views = f.Value.Views,
            ViewsFromSearch = f.Value.FromSearch,
            Yes = f.Value.Yes,
            No = f.Value.No,
            ContactsAfter = f.Value.Contacts,
        })];
    }

    /// <summary>The worst-rated articles: the votes of the period (replaced ones already subtracted) per article, answer and reason.</summary>
    private static async Task<List<HelpArticleRating>> RatingsAsync(
        HelpInsightsQuery query, IHelpInsightsRows rows, IReadOnlyDictionary<(HelpInsightsMetric Metric, string Key1, string Key2), int> counts, CancellationToken cancellationToken)
    {
        var votes = counts
            .Where(c => c.Key.Metric == HelpInsightsMetric.Vote && c.Value > 0)
            .Select(c => (Article: c.Key.Key1, Helpful: c.Key.Key2[0] == '1', Reason: HelpInsightsCounters.Unkey(c.Key.Key2[2..]), Count: c.Value))
            .ToList();
        List<HelpArticleRating> ratings = [.. votes
            .GroupBy(v => v.Article, StringComparer.Ordinal)
            .Select(g => new HelpArticleRating
            {
                ArticleId = g.Key,
                Yes = g.Where(v => v.Helpful).Sum(v => v.Count),
                No = g.Where(v => !v.Helpful).Sum(v => v.Count),
                Reasons = [.. g.Where(v => !v.Helpful && v.Reason is not null)
                    .GroupBy(v => v.Reason!, StringComparer.Ordinal)
                    .Select(r => new KeyValuePair<string, int>(r.Key, r.Sum(v => v.Count)))
                    .OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)],
            })
            .OrderBy(r => (double)r.Yes / (r.Yes + r.No)).ThenByDescending(r => r.No).ThenBy(r => r.ArticleId, StringComparer.Ordinal)
            .Take(query.Top)];
        if (ratings.Count == 0)
        {
            return ratings;
        }

        var comments = await rows.ReadCommentsAsync([.. ratings.Select(r => r.ArticleId)], query, cancellationToken).ConfigureAwait(false);
        return [.. ratings.Select(r => comments.TryGetValue(r.ArticleId, out var given)
            ? new HelpArticleRating { ArticleId = r.ArticleId, Yes = r.Yes, No = r.No, Reasons = r.Reasons, Comments = [.. given] }
            : r)];
    }
}
