using System.Globalization;
using System.Text;
using Npgsql;
using static HelpWidget.PostgreSql.Insights.InsightsUnits;

namespace HelpWidget.PostgreSql.Insights;

/// <summary>
/// Reads the figures of a period: whole UTC days from the counters of months, weeks and days, the partial days at its
/// ends from the events and session summaries, the votes of the period (the last of each user and article counting)
/// from the vote counters less the replaced votes, and the routes and comments of the rows shown.
/// </summary>
internal sealed class PostgreSqlReportReader(NpgsqlConnection connection, HelpInsightsQuery query, IPersonalDataScrubber? scrubber, string feedbackTable)
{
    private readonly long _from = query.From.ToUnixTimeMilliseconds();
    private readonly long _to = query.To.ToUnixTimeMilliseconds();
    private readonly Dictionary<(InsightsMetric Metric, string Key1, string Key2), int> _counts = [];
    private readonly Dictionary<long, int> _ticketsByDay = [];
    private readonly Dictionary<long, int> _resolvedByDay = [];
    private (long First, long End)? _wholeDays;

    public async Task<HelpInsightsReport> ReadAsync(CancellationToken cancellationToken)
    {
        var firstWholeDay = DayOf(_from - 1) + 1;
        var endWholeDay = DayOf(_to);
        var edges = new List<(long From, long To)>();
        if (firstWholeDay >= endWholeDay)
        {
            edges.Add((_from, _to));
        }
        else
        {
            edges.Add((_from, firstWholeDay * Day));
            edges.Add((endWholeDay * Day, _to));
            _wholeDays = (firstWholeDay, endWholeDay);
            await ReadCountsAsync(firstWholeDay, endWholeDay, cancellationToken);
        }

        foreach (var (from, to) in edges.Where(edge => edge.From < edge.To))
        {
            await ReadEdgeAsync(from, to, cancellationToken);
            await ReadEdgeSessionsAsync(from, to, cancellationToken);
        }

        var ratings = await ReadRatingsAsync(cancellationToken);

        int Sum(InsightsMetric metric) => _counts.Where(c => c.Key.Metric == metric).Sum(c => c.Value);
        async Task<List<HelpQueryCount>> QueriesAsync(InsightsMetric metric, InsightsMetric routeMetric)
        {
            var top = _counts
                .Where(c => c.Key.Metric == metric && c.Key.Key1 != None && c.Value > 0)
                .Select(c => (Query: c.Key.Key1, Language: Unkey(c.Key.Key2), Count: c.Value))
                .OrderByDescending(q => q.Count).ThenBy(q => q.Query, StringComparer.Ordinal).ThenBy(q => q.Language, StringComparer.Ordinal)
                .Take(query.Top)
                .ToList();
            var routes = await ReadRoutesAsync(routeMetric, [.. top.Select(q => RouteKey(q.Query, q.Language))], cancellationToken);
            return [.. top.Select(q => new HelpQueryCount { Query = q.Query, Language = q.Language, Count = q.Count, Route = routes[RouteKey(q.Query, q.Language)] })];
        }

        Dictionary<string, int> ByKey(InsightsMetric metric) => _counts.Where(c => c.Key.Metric == metric && c.Value > 0).ToDictionary(c => c.Key.Key1, c => c.Value, StringComparer.Ordinal);

        var resolutionsByArticle = ByKey(InsightsMetric.ResolvedWithArticle);
        var confirmations = ByKey(InsightsMetric.Confirmation);
        var days = new List<HelpInsightsDay>();
        var lastDay = DateOnly.FromDateTime(query.To.UtcDateTime.AddTicks(-1));
        var epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        for (var day = DateOnly.FromDateTime(query.From.UtcDateTime); day <= lastDay; day = day.AddDays(1))
        {
            days.Add(new HelpInsightsDay { Date = day, Resolutions = _resolvedByDay.GetValueOrDefault(day.DayNumber - epoch), Tickets = _ticketsByDay.GetValueOrDefault(day.DayNumber - epoch) });
        }

        var contacts = _counts.Where(c => c.Key.Metric is InsightsMetric.Contact or InsightsMetric.Ticket && c.Value > 0).GroupBy(c => c.Key.Key1, StringComparer.Ordinal);
        return new HelpInsightsReport
        {
            From = query.From,
            To = query.To,
            Funnel = new HelpInsightsFunnel
            {
                Sessions = Sum(InsightsMetric.Sessions),
                WithSearch = Sum(InsightsMetric.WithSearch),
                WithArticle = Sum(InsightsMetric.WithArticle),
                WithContact = Sum(InsightsMetric.WithContact),
                WithTicket = Sum(InsightsMetric.WithTicket),
            },
            Searches = Sum(InsightsMetric.Search),
            SimulatedEvents = Sum(InsightsMetric.Simulated),
            ArticleViews = Sum(InsightsMetric.View),
            SelfServiceResolutions = Sum(InsightsMetric.Resolved),
            Tickets = Sum(InsightsMetric.Ticket),
            FailedDeflections = Sum(InsightsMetric.FailedDeflection),
            Days = days,
            TopSearches = await QueriesAsync(InsightsMetric.Search, InsightsMetric.SearchRoute),
            ZeroResultSearches = await QueriesAsync(InsightsMetric.ZeroResults, InsightsMetric.ZeroResultsRoute),
            SearchesFollowedByTicket = await QueriesAsync(InsightsMetric.Followed, InsightsMetric.FollowedRoute),
            WorstRatedArticles = ratings,
            PagesWithMostContacts = [.. contacts
                .Select(g => new HelpRouteContacts
                {
                    Route = g.Key,
                    ContactsStarted = g.Where(c => c.Key.Metric == InsightsMetric.Contact).Sum(c => c.Value),
                    Tickets = g.Where(c => c.Key.Metric == InsightsMetric.Ticket).Sum(c => c.Value),
                })
                .OrderByDescending(r => r.ContactsStarted + r.Tickets).ThenBy(r => r.Route, StringComparer.Ordinal)
                .Take(query.Top)],
            TopDeflectingArticles = [.. resolutionsByArticle.Keys.Union(confirmations.Keys, StringComparer.Ordinal)
                .Select(id => new HelpArticleDeflections { ArticleId = id, Resolutions = resolutionsByArticle.GetValueOrDefault(id), Confirmations = confirmations.GetValueOrDefault(id) })
                .OrderByDescending(a => a.Resolutions).ThenByDescending(a => a.Confirmations).ThenBy(a => a.ArticleId, StringComparer.Ordinal)
                .Take(query.Top)],
        };
    }

    private void Add(InsightsMetric metric, string key1, string key2, int value)
    {
        var key = (metric, key1, key2);
        _counts[key] = _counts.GetValueOrDefault(key) + value;
    }

    /// <summary>
    /// Splits whole days [<paramref name="firstDay"/>, <paramref name="endDay"/>) into the fewest counter rows to read:
    /// whole months from the monthly counters, whole weeks of the rest from the weekly ones, the other days from the
    /// daily ones. Each block is a grain and its units.
    /// </summary>
    internal static List<(short Grain, int[] Units)> Blocks(long firstDay, long endDay)
    {
        var blocks = new List<(short Grain, int[] Units)>();
        var firstMonth = MonthOf(firstDay) + (FirstDayOfMonth(MonthOf(firstDay)) < firstDay ? 1 : 0);
        var endMonth = MonthOf(endDay);
        if (firstMonth < endMonth)
        {
            Add(MonthGrain, firstMonth, endMonth);
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
                Add(WeekGrain, firstWeek, endWeek);
                Add(DayGrain, first, FirstDayOfWeek(firstWeek));
                Add(DayGrain, FirstDayOfWeek(endWeek), end);
            }
            else
            {
                Add(DayGrain, first, end);
            }
        }

        void Add(short grain, long first, long end)
        {
            if (first < end)
            {
                blocks.Add((grain, [.. Enumerable.Range(0, (int)(end - first)).Select(i => (int)(first + i))]));
            }
        }
    }

    /// <summary>
    /// <c>SELECT <paramref name="columns"/> FROM</c> the counter rows of <paramref name="blocks"/> that meet
    /// <paramref name="condition"/>: per block, an index seek per unit (<c>unit = ANY</c>) bounded by the metric.
    /// </summary>
    private static string BlocksSql(List<(short Grain, int[] Units)> blocks, string columns, string condition)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < blocks.Count; i++)
        {
            sql.Append(i == 0 ? string.Empty : " UNION ALL ")
                .Append(CultureInfo.InvariantCulture, $"SELECT {columns} FROM help_counts WHERE grain = @g{i} AND unit = ANY(@u{i}) AND {condition}");
        }

        return sql.ToString();
    }

    private static void AddBlockParameters(NpgsqlParameterCollection parameters, List<(short Grain, int[] Units)> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            parameters.Add(new NpgsqlParameter<short>($"g{i}", blocks[i].Grain));
            parameters.Add(new NpgsqlParameter<int[]>($"u{i}", blocks[i].Units));
        }
    }

    /// <summary>Sums the counters of whole days (but the routes of searches, read per row of the report), and the tickets and resolutions of each day.</summary>
    private async Task ReadCountsAsync(long firstDay, long endDay, CancellationToken cancellationToken)
    {
        var blocks = Blocks(firstDay, endDay);
        await using var batch = connection.CreateBatch();
        var counts = new NpgsqlBatchCommand(
            $"SELECT metric, key1, key2, SUM(value)::integer FROM ({BlocksSql(blocks, "metric, key1, key2, value", "metric <= 17")}) c GROUP BY metric, key1, key2;");
        AddBlockParameters(counts.Parameters, blocks);
        var perDay = new NpgsqlBatchCommand("SELECT unit, metric, value::integer FROM help_counts WHERE grain = 0 AND unit = ANY(@days) AND metric IN (6, 14);");
        perDay.Parameters.Add(new NpgsqlParameter<int[]>("days", [.. Enumerable.Range(0, (int)(endDay - firstDay)).Select(i => (int)(firstDay + i))]));
        batch.BatchCommands.Add(counts);
        batch.BatchCommands.Add(perDay);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Add((InsightsMetric)reader.GetInt16(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var byDay = (InsightsMetric)reader.GetInt16(1) == InsightsMetric.Ticket ? _ticketsByDay : _resolvedByDay;
            var day = (long)reader.GetInt32(0);
            byDay[day] = byDay.GetValueOrDefault(day) + reader.GetInt32(2);
        }
    }

    /// <summary>Counts the events of a partial day as the day counters count them.</summary>
    private async Task ReadEdgeAsync(long from, long to, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT kind, at, query, language, route, article_id, followed, failed, simulated, helpful, reason FROM help_events
            WHERE at >= @from AND at < @to;
            """;
        command.Parameters.Add(new NpgsqlParameter<long>("from", from));
        command.Parameters.Add(new NpgsqlParameter<long>("to", to));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var kind = (HelpEventKind)reader.GetInt16(0);
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            if (reader.GetBoolean(8))
            {
                Add(InsightsMetric.Simulated, string.Empty, string.Empty, 1);
            }

            switch (kind)
            {
                case HelpEventKind.Search or HelpEventKind.ZeroResultSearch:
                    var (queryKey, languageKey, route) = (Key(Text(2)), Key(Text(3)), Text(4));
                    var routeKey = RouteKey(Text(2), Text(3));
                    void Count(InsightsMetric metric, InsightsMetric routeMetric)
                    {
                        Add(metric, queryKey, languageKey, 1);
                        if (route is not null)
                        {
                            Add(routeMetric, routeKey, route, 1);
                        }
                    }

                    Count(InsightsMetric.Search, InsightsMetric.SearchRoute);
                    if (kind == HelpEventKind.ZeroResultSearch)
                    {
                        Count(InsightsMetric.ZeroResults, InsightsMetric.ZeroResultsRoute);
                    }

                    if (reader.GetBoolean(6))
                    {
                        Count(InsightsMetric.Followed, InsightsMetric.FollowedRoute);
                    }

                    break;
                case HelpEventKind.ArticleViewed:
                    Add(InsightsMetric.View, string.Empty, string.Empty, 1);
                    break;
                case HelpEventKind.ContactStarted:
                    Add(InsightsMetric.Contact, Text(4) ?? "/", string.Empty, 1);
                    break;
                case HelpEventKind.TicketCreated:
                    Add(InsightsMetric.Ticket, Text(4) ?? "/", string.Empty, 1);
                    var day = DayOf(reader.GetInt64(1));
                    _ticketsByDay[day] = _ticketsByDay.GetValueOrDefault(day) + 1;
                    if (reader.GetBoolean(7))
                    {
                        Add(InsightsMetric.FailedDeflection, string.Empty, string.Empty, 1);
                    }

                    break;
                case HelpEventKind.DeflectionConfirmed when Text(5) is { } article:
                    Add(InsightsMetric.Confirmation, article, string.Empty, 1);
                    break;
                case HelpEventKind.Vote when Text(5) is { } article && !reader.IsDBNull(9):
                    Add(InsightsMetric.Vote, article, VoteKey(reader.GetBoolean(9), Text(10)), 1);
                    break;
            }
        }
    }

    /// <summary>Counts the sessions that started in a partial day as the day counters count them.</summary>
    private async Task ReadEdgeSessionsAsync(long from, long to, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT user_key, start, last, searched, viewed, contacted, ticketed, helped, undone, articles FROM help_sessions
            WHERE start >= @from AND start < @to;
            """;
        command.Parameters.Add(new NpgsqlParameter<long>("from", from));
        command.Parameters.Add(new NpgsqlParameter<long>("to", to));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var session = new SessionSummary(
                reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5),
                reader.GetBoolean(6), reader.GetBoolean(7), reader.GetBoolean(8), reader.GetFieldValue<string[]>(9));
            foreach (var (metric, key, delta) in session.Contribution())
            {
                Add(metric, key, string.Empty, delta);
            }

            if (session.Resolved)
            {
                var day = DayOf(session.Start!.Value);
                _resolvedByDay[day] = _resolvedByDay.GetValueOrDefault(day) + 1;
            }
        }
    }

    /// <summary>
    /// The most frequent route of each query and language (the rows of a table of the report): the partial days' counts
    /// read with the edges, and the whole days' from the counters of their months, weeks and days, by key.
    /// </summary>
    private async Task<Dictionary<string, string?>> ReadRoutesAsync(InsightsMetric routeMetric, List<string> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var routes = _counts
            .Where(c => c.Key.Metric == routeMetric && wanted.Contains(c.Key.Key1))
            .ToDictionary(c => (c.Key.Key1, c.Key.Key2), c => c.Value);
        if (_wholeDays is var (first, end) && keys.Count > 0)
        {
            var blocks = Blocks(first, end);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT key1, key2, SUM(value)::integer FROM ({BlocksSql(blocks, "key1, key2, value", "metric = @metric AND key1 = ANY(@keys)")}) c GROUP BY key1, key2;";
            AddBlockParameters(command.Parameters, blocks);
            command.Parameters.Add(new NpgsqlParameter<short>("metric", (short)routeMetric));
            command.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. wanted]));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                routes[key] = routes.GetValueOrDefault(key) + reader.GetInt32(2);
            }
        }

        return keys.Distinct(StringComparer.Ordinal).ToDictionary(
            key => key,
            key => routes.Where(r => r.Key.Item1 == key && r.Value > 0)
                .OrderByDescending(r => r.Value).ThenBy(r => r.Key.Item2, StringComparer.Ordinal)
                .Select(r => r.Key.Item2).FirstOrDefault(),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// The comments of "No" answers to these articles in the period, scrubbed, most recent first (of equal times, the
    /// later given), from the feedback the store keeps in the same schema; none without a scrubber.
    /// </summary>
    private async Task<Dictionary<string, List<string>>> ReadCommentsAsync(List<string> articles, CancellationToken cancellationToken)
    {
        var comments = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (scrubber is null || articles.Count == 0)
        {
            return comments;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT article_id, comment FROM (
                SELECT f.article_id, f.comment,
                    row_number() OVER (PARTITION BY f.article_id ORDER BY f.created_at DESC, f.id DESC) AS n
                FROM {feedbackTable} f
                WHERE f.article_id = ANY(@articles) AND NOT f.helpful AND f.comment ~ '[^[:space:]]'
                    AND f.created_at >= @from AND f.created_at < @to) AS latest
            WHERE n <= @max ORDER BY article_id, n;
            """;
        command.Parameters.Add(new NpgsqlParameter<string[]>("articles", [.. articles]));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("from", query.From.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("to", query.To.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<int>("max", HelpArticleRating.MaxComments));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var article = reader.GetString(0);
            if (!comments.TryGetValue(article, out var list))
            {
                comments[article] = list = [];
            }

            // The database's idea of white space may be narrower than .NET's, which the definitions use.
            if (!string.IsNullOrWhiteSpace(reader.GetString(1)))
            {
                list.Add(scrubber.Scrub(reader.GetString(1)));
            }
        }

        return comments;
    }

    private async Task<List<HelpArticleRating>> ReadRatingsAsync(CancellationToken cancellationToken)
    {
        // The last vote of each user and article in the period is each vote of the period but those replaced by a later
        // one in the period: all votes from the counters, less the replaced ones, which are few.
        var votes = _counts.Where(c => c.Key.Metric == InsightsMetric.Vote).ToDictionary(c => (c.Key.Key1, c.Key.Key2), c => c.Value);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT article_id, helpful, reason, COUNT(*)::integer FROM help_events
                WHERE kind = 6 AND next_at IS NOT NULL AND next_at >= @from AND next_at < @to AND at >= @from AND article_id IS NOT NULL AND helpful IS NOT NULL
                GROUP BY article_id, helpful, reason;
                """;
            command.Parameters.Add(new NpgsqlParameter<long>("from", _from));
            command.Parameters.Add(new NpgsqlParameter<long>("to", _to));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(0), VoteKey(reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
                votes[key] = votes.GetValueOrDefault(key) - reader.GetInt32(3);
            }
        }

        var counts = votes
            .Where(v => v.Value > 0)
            .Select(v => (Article: v.Key.Item1, Helpful: v.Key.Item2[0] == '1', Reason: Unkey(v.Key.Item2[2..]), Count: v.Value))
            .ToList();
        List<HelpArticleRating> ratings = [.. counts
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
        var comments = await ReadCommentsAsync([.. ratings.Select(r => r.ArticleId)], cancellationToken);
        return [.. ratings.Select(r => comments.TryGetValue(r.ArticleId, out var given)
            ? new HelpArticleRating { ArticleId = r.ArticleId, Yes = r.Yes, No = r.No, Reasons = r.Reasons, Comments = given }
            : r)];
    }
}
