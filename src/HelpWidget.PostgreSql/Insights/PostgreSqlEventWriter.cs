using Npgsql;
using NpgsqlTypes;
using static HelpWidget.PostgreSql.Insights.InsightsUnits;

namespace HelpWidget.PostgreSql.Insights;

/// <summary>
/// Writes a batch of events one by one within a transaction, keeping the session summaries in step and summing the
/// counters' changes, which <see cref="FlushCountersAsync"/> applies at the end in one statement. A ticket marks the
/// searches of its session it followed with no article opened in between, and is a failed deflection when the user read
/// an article in the 24 hours before it (an article recorded after such a ticket marks it too). The caller holds the
/// advisory locks of every user and session of the batch, so no other instance changes what this one reads.
/// </summary>
internal sealed class PostgreSqlEventWriter(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    private static readonly long s_window = (long)HelpInsightsDefinitions.TicketWindow.TotalMilliseconds;

    private readonly Dictionary<string, NpgsqlCommand> _commands = [];
    private readonly Dictionary<(long Day, InsightsMetric Metric, string Key1, string Key2), long> _counts = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }
    }

    public async Task WriteAsync(HelpEvent e, CancellationToken cancellationToken)
    {
        var at = e.OccurredAt.ToUnixTimeMilliseconds();
        var failed = e.Kind == HelpEventKind.TicketCreated && await ScalarAsync(
            "failed",
            "SELECT EXISTS (SELECT 1 FROM help_events WHERE kind = 5 AND user_key = @user AND at <= @at AND at >= @at - @window);",
            cancellationToken,
            Text("user", e.UserKey), Long("at", at), Long("window", s_window)) is true;

        // A vote replaces the one of the same user and article before it (in time, then in order of writing), and is
        // replaced by the first one after it: each vote keeps the time of its successor, so a report counts the last
        // vote in its period without reading every vote.
        long? next = null;
        if (e is { Kind: HelpEventKind.Vote, ArticleId: not null, Helpful: not null })
        {
            next = await ScalarAsync(
                "vote-next",
                "SELECT MIN(at) FROM help_events WHERE kind = 6 AND user_key = @user AND article_id = @article AND at > @at AND helpful IS NOT NULL;",
                cancellationToken,
                Text("user", e.UserKey), Text("article", e.ArticleId), Long("at", at)) as long?;
            await ExecuteAsync(
                "vote-previous",
                """
                UPDATE help_events SET next_at = @at
                WHERE id = (SELECT id FROM help_events
                    WHERE kind = 6 AND user_key = @user AND article_id = @article AND at <= @at AND helpful IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1);
                """,
                cancellationToken,
                Text("user", e.UserKey), Text("article", e.ArticleId), Long("at", at));
        }

        await ExecuteAsync(
            "insert",
            """
            INSERT INTO help_events (kind, at, user_key, session_id, language, route, article_id, query, result_count, source, helpful, reason, announcement_id, simulated, failed, next_at)
            VALUES (@kind, @at, @user, @session, @language, @route, @article, @query, @results, @source, @helpful, @reason, @announcement, @simulated, @failed, @next);
            """,
            cancellationToken,
            Short("kind", (short)e.Kind), Long("at", at), Text("user", e.UserKey), Text("session", e.SessionId), Text("language", e.Language), Text("route", e.Route),
            Text("article", e.ArticleId), Text("query", e.Query), Parameter("results", NpgsqlDbType.Integer, e.ResultCount), Short("source", (short)e.Source),
            Parameter("helpful", NpgsqlDbType.Boolean, e.Helpful), Text("reason", e.Reason), Text("announcement", e.AnnouncementId),
            Parameter("simulated", NpgsqlDbType.Boolean, e.IsSimulated), Parameter("failed", NpgsqlDbType.Boolean, failed), Parameter("next", NpgsqlDbType.Bigint, next));

        var kind = e.Kind;
        await UpdateSessionAsync(e.SessionId, session => session with
        {
            UserKey = session.Start is null && kind == HelpEventKind.SessionStarted ? e.UserKey : session.UserKey,
            Start = session.Start ?? (kind == HelpEventKind.SessionStarted ? at : null),
            Last = Math.Max(session.Last, at),
            Searched = session.Searched || kind is HelpEventKind.Search or HelpEventKind.ZeroResultSearch,
            Viewed = session.Viewed || kind == HelpEventKind.ArticleViewed,
            Contacted = session.Contacted || kind == HelpEventKind.ContactStarted,
            Ticketed = session.Ticketed || kind == HelpEventKind.TicketCreated,
            Helped = session.Helped || kind is HelpEventKind.ArticleViewed or HelpEventKind.DeflectionConfirmed,
            Articles = kind is HelpEventKind.ArticleViewed or HelpEventKind.DeflectionConfirmed && e.ArticleId is { } article && !session.Articles.Contains(article)
                ? [.. session.Articles, article]
                : session.Articles,
        }, e.UserKey, at, cancellationToken);

        if (kind == HelpEventKind.TicketCreated)
        {
            // The ticket undoes the resolution of every session of this user it falls in or within 24 hours after.
            var undone = await ReadAsync(
                "undone-by-ticket",
                "SELECT session_id FROM help_sessions WHERE user_key = @user AND NOT undone AND last >= @at - @window AND start <= @at;",
                cancellationToken,
                Text("user", e.UserKey), Long("at", at), Long("window", s_window));
            foreach (var row in undone)
            {
                await UpdateSessionAsync((string)row[0]!, session => session with { Undone = true }, e.UserKey, at, cancellationToken);
            }
        }

        var day = DayOf(at);
        if (e.IsSimulated)
        {
            Count(day, InsightsMetric.Simulated, string.Empty, string.Empty);
        }

        if (e is { Kind: HelpEventKind.Vote, ArticleId: not null, Helpful: { } answer })
        {
            Count(day, InsightsMetric.Vote, e.ArticleId, VoteKey(answer, e.Reason));
        }

        switch (kind)
        {
            case HelpEventKind.Search or HelpEventKind.ZeroResultSearch:
                Count(day, InsightsMetric.Search, Key(e.Query), Key(e.Language));
                if (e.Route is not null)
                {
                    Count(day, InsightsMetric.SearchRoute, RouteKey(e.Query, e.Language), e.Route);
                }

                if (kind == HelpEventKind.ZeroResultSearch)
                {
                    Count(day, InsightsMetric.ZeroResults, Key(e.Query), Key(e.Language));
                    if (e.Route is not null)
                    {
                        Count(day, InsightsMetric.ZeroResultsRoute, RouteKey(e.Query, e.Language), e.Route);
                    }
                }

                break;
            case HelpEventKind.ArticleViewed:
                Count(day, InsightsMetric.View, string.Empty, string.Empty);
                foreach (var ticket in await ReadAsync(
                    "mark-failed",
                    """
                    UPDATE help_events SET failed = true
                    WHERE kind = 8 AND user_key = @user AND at >= @at AND at <= @at + @window AND NOT failed
                    RETURNING at;
                    """,
                    cancellationToken,
                    Text("user", e.UserKey), Long("at", at), Long("window", s_window)))
                {
                    Count(DayOf((long)ticket[0]!), InsightsMetric.FailedDeflection, string.Empty, string.Empty);
                }

                break;
            case HelpEventKind.ContactStarted:
                Count(day, InsightsMetric.Contact, e.Route ?? "/", string.Empty);
                break;
            case HelpEventKind.TicketCreated:
                Count(day, InsightsMetric.Ticket, e.Route ?? "/", string.Empty);
                if (failed)
                {
                    Count(day, InsightsMetric.FailedDeflection, string.Empty, string.Empty);
                }

                foreach (var search in await ReadAsync(
                    "mark-followed",
                    """
                    UPDATE help_events AS s SET followed = true
                    WHERE s.session_id = @session AND s.kind IN (2, 3) AND s.at < @at AND NOT s.followed
                        AND NOT EXISTS (SELECT 1 FROM help_events v WHERE v.session_id = @session AND v.kind = 5 AND v.at > s.at AND v.at < @at)
                    RETURNING s.at, s.query, s.language, s.route;
                    """,
                    cancellationToken,
                    Text("session", e.SessionId), Long("at", at)))
                {
                    var (searchDay, query, language) = (DayOf((long)search[0]!), (string?)search[1], (string?)search[2]);
                    Count(searchDay, InsightsMetric.Followed, Key(query), Key(language));
                    if (search[3] is string route)
                    {
                        Count(searchDay, InsightsMetric.FollowedRoute, RouteKey(query, language), route);
                    }
                }

                break;
            case HelpEventKind.DeflectionConfirmed when e.ArticleId is not null:
                Count(day, InsightsMetric.Confirmation, e.ArticleId, string.Empty);
                break;
        }
    }

    /// <summary>
    /// Adds the batch's counter changes to the day, week and month counters in one statement, in key order, so that
    /// two instances adding to the same counters lock their rows in the same order and never deadlock.
    /// </summary>
    public async Task FlushCountersAsync(CancellationToken cancellationToken)
    {
        var rows = _counts
            .Where(c => c.Value != 0)
            .SelectMany(c => new[]
            {
                (Grain: DayGrain, Unit: c.Key.Day, c.Key.Metric, c.Key.Key1, c.Key.Key2, c.Value),
                (Grain: WeekGrain, Unit: WeekOf(c.Key.Day), c.Key.Metric, c.Key.Key1, c.Key.Key2, c.Value),
                (Grain: MonthGrain, Unit: MonthOf(c.Key.Day), c.Key.Metric, c.Key.Key1, c.Key.Key2, c.Value),
            })
            .GroupBy(r => (r.Grain, r.Unit, r.Metric, r.Key1, r.Key2))
            .Select(g => (g.Key.Grain, g.Key.Unit, g.Key.Metric, g.Key.Key1, g.Key.Key2, Value: g.Sum(r => r.Value)))
            .ToList();
        _counts.Clear();
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO help_counts (grain, unit, metric, key1, key2, value)
            SELECT grain, unit, metric, key1, key2, value
            FROM unnest(@grains, @units, @metrics, @key1s, @key2s, @values) AS c (grain, unit, metric, key1, key2, value)
            ORDER BY grain, unit, metric, key1 COLLATE "C", key2 COLLATE "C"
            ON CONFLICT (grain, unit, metric, key1, key2) DO UPDATE SET value = help_counts.value + excluded.value;
            """;
        command.Parameters.Add(new NpgsqlParameter<short[]>("grains", [.. rows.Select(r => r.Grain)]));
        command.Parameters.Add(new NpgsqlParameter<int[]>("units", [.. rows.Select(r => (int)r.Unit)]));
        command.Parameters.Add(new NpgsqlParameter<short[]>("metrics", [.. rows.Select(r => (short)r.Metric)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("key1s", [.. rows.Select(r => r.Key1)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("key2s", [.. rows.Select(r => r.Key2)]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("values", [.. rows.Select(r => r.Value)]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to a session's summary, checks whether a ticket of its user now undoes its
    /// resolution, and moves the counters of the day it started by the difference.
    /// </summary>
    private async Task UpdateSessionAsync(string sessionId, Func<SessionSummary, SessionSummary> change, string userKey, long at, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            "session-read",
            "SELECT user_key, start, last, searched, viewed, contacted, ticketed, helped, undone, articles FROM help_sessions WHERE session_id = @session;",
            cancellationToken,
            Text("session", sessionId));
        var before = rows.Count == 0
            ? new SessionSummary(userKey, null, at, false, false, false, false, false, false, [])
            : new SessionSummary(
                (string)rows[0][0]!, (long?)rows[0][1], (long)rows[0][2]!, (bool)rows[0][3]!, (bool)rows[0][4]!, (bool)rows[0][5]!,
                (bool)rows[0][6]!, (bool)rows[0][7]!, (bool)rows[0][8]!, (string[])rows[0][9]!);
        var after = change(before);
        if (!after.Undone && after.Start is { } start)
        {
            after = after with
            {
                Undone = await ScalarAsync(
                    "undone-check",
                    "SELECT EXISTS (SELECT 1 FROM help_events WHERE kind = 8 AND user_key = @user AND at >= @start AND at <= @last + @window);",
                    cancellationToken,
                    Text("user", after.UserKey), Long("start", start), Long("last", after.Last), Long("window", s_window)) is true,
            };
        }

        await ExecuteAsync(
            "session-write",
            """
            INSERT INTO help_sessions (session_id, user_key, start, last, searched, viewed, contacted, ticketed, helped, undone, articles)
            VALUES (@session, @user, @start, @last, @searched, @viewed, @contacted, @ticketed, @helped, @undone, @articles)
            ON CONFLICT (session_id) DO UPDATE SET
                user_key = excluded.user_key, start = excluded.start, last = excluded.last, searched = excluded.searched, viewed = excluded.viewed,
                contacted = excluded.contacted, ticketed = excluded.ticketed, helped = excluded.helped, undone = excluded.undone, articles = excluded.articles;
            """,
            cancellationToken,
            Text("session", sessionId), Text("user", after.UserKey), Parameter("start", NpgsqlDbType.Bigint, after.Start), Long("last", after.Last),
            Parameter("searched", NpgsqlDbType.Boolean, after.Searched), Parameter("viewed", NpgsqlDbType.Boolean, after.Viewed),
            Parameter("contacted", NpgsqlDbType.Boolean, after.Contacted), Parameter("ticketed", NpgsqlDbType.Boolean, after.Ticketed),
            Parameter("helped", NpgsqlDbType.Boolean, after.Helped), Parameter("undone", NpgsqlDbType.Boolean, after.Undone),
            Parameter("articles", NpgsqlDbType.Array | NpgsqlDbType.Text, after.Articles));

        if (after.Start is { } started)
        {
            var day = DayOf(started);
            var changes = after.Contribution()
                .Concat(before.Contribution().Select(c => (c.Metric, c.Key, Delta: -c.Delta)))
                .GroupBy(c => (c.Metric, c.Key))
                .Select(g => (g.Key.Metric, g.Key.Key, Delta: g.Sum(c => c.Delta)));
            foreach (var (metric, key, delta) in changes)
            {
                if (delta != 0)
                {
                    Count(day, metric, key, string.Empty, delta);
                }
            }
        }
    }

    private void Count(long day, InsightsMetric metric, string key1, string key2, int delta = 1)
    {
        var key = (day, metric, key1, key2);
        _counts[key] = _counts.GetValueOrDefault(key) + delta;
    }

    private static (string Name, NpgsqlDbType Type, object? Value) Text(string name, string? value) => (name, NpgsqlDbType.Text, value);

    private static (string Name, NpgsqlDbType Type, object? Value) Long(string name, long value) => (name, NpgsqlDbType.Bigint, value);

    private static (string Name, NpgsqlDbType Type, object? Value) Short(string name, short value) => (name, NpgsqlDbType.Smallint, value);

    private static (string Name, NpgsqlDbType Type, object? Value) Parameter(string name, NpgsqlDbType type, object? value) => (name, type, value);

    private async Task ExecuteAsync(string name, string sql, CancellationToken cancellationToken, params (string Name, NpgsqlDbType Type, object? Value)[] parameters) =>
        await (await PrepareAsync(name, sql, parameters, cancellationToken)).ExecuteNonQueryAsync(cancellationToken);

    private async Task<object?> ScalarAsync(string name, string sql, CancellationToken cancellationToken, params (string Name, NpgsqlDbType Type, object? Value)[] parameters)
    {
        var value = await (await PrepareAsync(name, sql, parameters, cancellationToken)).ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    private async Task<List<object?[]>> ReadAsync(string name, string sql, CancellationToken cancellationToken, params (string Name, NpgsqlDbType Type, object? Value)[] parameters)
    {
        var rows = new List<object?[]>();
        await using var reader = await (await PrepareAsync(name, sql, parameters, cancellationToken)).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Gets the command named <paramref name="name"/> with these values, prepared on first use in the batch (Npgsql keeps
    /// a prepared statement on its physical connection, so later batches on it prepare without a round trip).
    /// </summary>
    private async Task<NpgsqlCommand> PrepareAsync(string name, string sql, (string Name, NpgsqlDbType Type, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        if (!_commands.TryGetValue(name, out var command))
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (parameter, type, _) in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter(parameter, type));
            }

            await command.PrepareAsync(cancellationToken);
            _commands[name] = command;
        }

        foreach (var (parameter, _, value) in parameters)
        {
            command.Parameters[parameter].Value = value ?? DBNull.Value;
        }

        return command;
    }
}
