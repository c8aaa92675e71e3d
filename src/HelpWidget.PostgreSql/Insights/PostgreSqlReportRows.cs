using System.Globalization;
using System.Text;
using Npgsql;

namespace HelpWidget.PostgreSql.Insights;

/// <summary>
/// Reads what a report needs for <see cref="HelpInsightsReportBuilder"/>: whole days from the counters of months, weeks
/// and days, the partial days' events and session summaries, the replaced votes, and the routes and comments of the rows
/// shown. The caller holds one repeatable-read transaction on <paramref name="connection"/>, so every read sees one snapshot.
/// </summary>
internal sealed class PostgreSqlReportRows(NpgsqlConnection connection, IPersonalDataScrubber? scrubber, string feedbackTable) : IHelpInsightsRows
{
    /// <summary>
    /// The blocks of <see cref="HelpInsightsCounters.Split"/> as a grain and its units, for <c>unit = ANY</c>.
    /// </summary>
    internal static List<(short Grain, int[] Units)> Blocks(long firstDay, long endDay) =>
        [.. HelpInsightsCounters.Split(firstDay, endDay).Select(b => ((short)b.Grain, (int[])[.. Enumerable.Range(0, (int)(b.To - b.From)).Select(i => (int)(b.From + i))]))];

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

    public async Task ReadCountersAsync(long firstDay, long endDay, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken)
    {
        var blocks = Blocks(firstDay, endDay);
        await using var batch = connection.CreateBatch();
        var counts = new NpgsqlBatchCommand(
            $"SELECT metric, key1, key2, SUM(value)::integer FROM ({BlocksSql(blocks, "metric, key1, key2, value", "metric IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 21, 22, 23)")}) c GROUP BY metric, key1, key2;");
        AddBlockParameters(counts.Parameters, blocks);
        var perDay = new NpgsqlBatchCommand("SELECT unit, metric, value::integer FROM help_counts WHERE grain = 0 AND unit = ANY(@days) AND metric IN (6, 14);");
        perDay.Parameters.Add(new NpgsqlParameter<int[]>("days", [.. Enumerable.Range(0, (int)(endDay - firstDay)).Select(i => (int)(firstDay + i))]));
        batch.BatchCommands.Add(counts);
        batch.BatchCommands.Add(perDay);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accumulator.AddCounter((HelpInsightsMetric)reader.GetInt16(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accumulator.AddDayCounter(reader.GetInt32(0), (HelpInsightsMetric)reader.GetInt16(1), reader.GetInt32(2));
        }
    }

    public async Task ReadEventsAsync(long startAt, long endAt, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.kind, e.at, e.query, e.language, e.route, e.article_id, e.followed, e.failed, e.simulated, e.helpful, e.reason, e.source,
                CASE WHEN e.kind = 7 THEN (SELECT v.article_id FROM help_events v
                    WHERE v.session_id = e.session_id AND v.kind = 5 AND v.article_id IS NOT NULL AND (v.at < e.at OR (v.at = e.at AND v.id < e.id))
                    ORDER BY v.at DESC, v.id DESC LIMIT 1) END
            FROM help_events e
            WHERE e.at >= @from AND e.at < @to;
            """;
        command.Parameters.Add(new NpgsqlParameter<long>("from", startAt));
        command.Parameters.Add(new NpgsqlParameter<long>("to", endAt));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            accumulator.AddEvent(new HelpInsightsEventRow
            {
                Kind = (HelpEventKind)reader.GetInt16(0),
                At = reader.GetInt64(1),
                Query = Text(2),
                Language = Text(3),
                Route = Text(4),
                ArticleId = Text(5),
                FollowedByTicket = reader.GetBoolean(6),
                FailedDeflection = reader.GetBoolean(7),
                IsSimulated = reader.GetBoolean(8),
                Helpful = reader.IsDBNull(9) ? null : reader.GetBoolean(9),
                Reason = Text(10),
                Source = (HelpArticleSource)reader.GetInt16(11),
                ArticleReadBefore = Text(12),
            });
        }
    }

    public async Task ReadSessionsAsync(long startAt, long endAt, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT user_key, start, last, searched, viewed, contacted, ticketed, helped, undone, articles FROM help_sessions
            WHERE start >= @from AND start < @to;
            """;
        command.Parameters.Add(new NpgsqlParameter<long>("from", startAt));
        command.Parameters.Add(new NpgsqlParameter<long>("to", endAt));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accumulator.AddSession(new HelpSessionSummary(
                reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5),
                reader.GetBoolean(6), reader.GetBoolean(7), reader.GetBoolean(8), reader.GetFieldValue<string[]>(9)));
        }
    }

    public async Task ReadReplacedVotesAsync(long startAt, long endAt, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT article_id, helpful, reason, COUNT(*)::integer FROM help_events
            WHERE kind = 6 AND next_at IS NOT NULL AND next_at >= @from AND next_at < @to AND at >= @from AND article_id IS NOT NULL AND helpful IS NOT NULL
            GROUP BY article_id, helpful, reason;
            """;
        command.Parameters.Add(new NpgsqlParameter<long>("from", startAt));
        command.Parameters.Add(new NpgsqlParameter<long>("to", endAt));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accumulator.SubtractReplacedVotes(reader.GetString(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3));
        }
    }

    public async Task ReadRouteCountersAsync(
        HelpInsightsMetric metric, IReadOnlyCollection<string> keys, long firstDay, long endDay, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken)
    {
        var blocks = Blocks(firstDay, endDay);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT key1, key2, SUM(value)::integer FROM ({BlocksSql(blocks, "key1, key2, value", "metric = @metric AND key1 = ANY(@keys)")}) c GROUP BY key1, key2;";
        AddBlockParameters(command.Parameters, blocks);
        command.Parameters.Add(new NpgsqlParameter<short>("metric", (short)metric));
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. keys]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accumulator.AddCounter(metric, reader.GetString(0), reader.GetString(1), reader.GetInt32(2));
        }
    }

    /// <summary>
    /// The comments of "No" answers to these articles in the period, scrubbed, most recent first (of equal times, the
    /// later given), from the feedback the store keeps in the same schema; none without a scrubber.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadCommentsAsync(IReadOnlyList<string> articleIds, HelpInsightsQuery query, CancellationToken cancellationToken)
    {
        var comments = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (scrubber is null || articleIds.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<string>>();
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
        command.Parameters.Add(new NpgsqlParameter<string[]>("articles", [.. articleIds]));
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

        return comments.ToDictionary(c => c.Key, c => (IReadOnlyList<string>)c.Value, StringComparer.Ordinal);
    }
}
