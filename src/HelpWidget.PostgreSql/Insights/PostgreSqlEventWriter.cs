using Npgsql;
using NpgsqlTypes;
using static HelpWidget.HelpInsightsCounters;

namespace HelpWidget.PostgreSql.Insights;

/// <summary>
/// Writes a batch of events within a transaction, keeping the session summaries in step and summing the counters'
/// changes. A ticket marks the searches of its session it followed with no article opened in between, and is a failed
/// deflection when the user read an article in the 24 hours before it (an article recorded after such a ticket marks it
/// too). The caller holds the advisory locks of every user and session of the batch, so no other instance changes what
/// this one reads: <see cref="LoadAsync"/> reads once what the batch's meaning depends on (its sessions, the users'
/// other sessions a ticket could still undo, their tickets and the articles they read around the batch's times); each
/// event is then inserted and judged in memory; <see cref="FlushAsync"/> writes the sessions, the marks on earlier
/// tickets and the counters, three statements. A batch costs about one round trip per event.
/// </summary>
internal sealed class PostgreSqlEventWriter(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    private static readonly long s_window = (long)HelpInsightsDefinitions.TicketWindow.TotalMilliseconds;

    private readonly Dictionary<string, NpgsqlCommand> _commands = [];
    private readonly Dictionary<(long Day, HelpInsightsMetric Metric, string Key1, string Key2), long> _counts = [];
    private readonly Dictionary<string, HelpSessionSummary> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedSessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Ticket>> _tickets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<long>> _views = new(StringComparer.Ordinal);
    private readonly HashSet<long> _failedTickets = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }
    }

    /// <summary>
    /// Reads what judging <paramref name="events"/> needs: the summaries of their sessions and of their users' sessions
    /// that a ticket of the batch could still undo, the users' tickets from the earliest start of those sessions, and
    /// the articles they read from 24 hours before their first event of the batch to their last.
    /// </summary>
    public async Task LoadAsync(IReadOnlyList<HelpEvent> events, CancellationToken cancellationToken)
    {
        var byUser = events
            .GroupBy(e => e.UserKey, StringComparer.Ordinal)
            .Select(g => (User: g.Key, From: g.Min(e => e.OccurredAt.ToUnixTimeMilliseconds()), To: g.Max(e => e.OccurredAt.ToUnixTimeMilliseconds())))
            .ToList();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                SELECT session_id, user_key, start, last, searched, viewed, contacted, ticketed, helped, undone, articles FROM help_sessions
                WHERE session_id = ANY(@sessions)
                UNION
                SELECT s.session_id, s.user_key, s.start, s.last, s.searched, s.viewed, s.contacted, s.ticketed, s.helped, s.undone, s.articles
                FROM unnest(@users, @since) AS u (user_key, since)
                JOIN help_sessions s ON s.user_key = u.user_key AND NOT s.undone AND s.last >= u.since;
                """;
            command.Parameters.Add(new NpgsqlParameter<string[]>("sessions", [.. events.Select(e => e.SessionId).Distinct(StringComparer.Ordinal)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("users", [.. byUser.Select(u => u.User)]));
            command.Parameters.Add(new NpgsqlParameter<long[]>("since", [.. byUser.Select(u => u.From - s_window)]));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                _sessions[reader.GetString(0)] = new HelpSessionSummary(
                    reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetInt64(3), reader.GetBoolean(4), reader.GetBoolean(5),
                    reader.GetBoolean(6), reader.GetBoolean(7), reader.GetBoolean(8), reader.GetBoolean(9), reader.GetFieldValue<string[]>(10));
            }
        }

        // A session's resolution looks for tickets from its start to 24 hours after its last event.
        var earliestStart = _sessions.Values
            .Where(s => s.Start is not null)
            .GroupBy(s => s.UserKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(s => s.Start!.Value), StringComparer.Ordinal);
        var users = byUser
            .Select(u => (u.User, TicketsFrom: Math.Min(u.From - s_window, earliestStart.GetValueOrDefault(u.User, long.MaxValue)), ViewsFrom: u.From - s_window, ViewsTo: u.To))
            .Concat(earliestStart.Keys.Except(byUser.Select(u => u.User), StringComparer.Ordinal)
                .Select(user => (User: user, TicketsFrom: earliestStart[user], ViewsFrom: 0L, ViewsTo: -1L)))
            .ToList();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                SELECT e.user_key, e.kind, e.id, e.at, e.failed FROM unnest(@users, @ticketsFrom) AS u (user_key, since)
                JOIN help_events e ON e.kind = 8 AND e.user_key = u.user_key AND e.at >= u.since
                UNION ALL
                SELECT e.user_key, e.kind, e.id, e.at, e.failed FROM unnest(@users, @viewsFrom, @viewsTo) AS u (user_key, since, until)
                JOIN help_events e ON e.kind = 5 AND e.user_key = u.user_key AND e.at >= u.since AND e.at <= u.until;
                """;
            command.Parameters.Add(new NpgsqlParameter<string[]>("users", [.. users.Select(u => u.User)]));
            command.Parameters.Add(new NpgsqlParameter<long[]>("ticketsFrom", [.. users.Select(u => u.TicketsFrom)]));
            command.Parameters.Add(new NpgsqlParameter<long[]>("viewsFrom", [.. users.Select(u => u.ViewsFrom)]));
            command.Parameters.Add(new NpgsqlParameter<long[]>("viewsTo", [.. users.Select(u => u.ViewsTo)]));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetInt16(1) == (short)HelpEventKind.TicketCreated)
                {
                    TicketsOf(reader.GetString(0)).Add(new Ticket(reader.GetInt64(2), reader.GetInt64(3), reader.GetBoolean(4)));
                }
                else
                {
                    ViewsOf(reader.GetString(0)).Add(reader.GetInt64(3));
                }
            }
        }
    }

    public async Task WriteAsync(HelpEvent e, CancellationToken cancellationToken)
    {
        var at = e.OccurredAt.ToUnixTimeMilliseconds();
        var failed = e.Kind == HelpEventKind.TicketCreated && ViewsOf(e.UserKey).Exists(view => view <= at && view >= at - s_window);

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

        var id = (long)(await ScalarAsync(
            "insert",
            """
            INSERT INTO help_events (kind, at, user_key, session_id, language, route, article_id, query, result_count, source, helpful, reason, announcement_id, simulated, failed, next_at)
            VALUES (@kind, @at, @user, @session, @language, @route, @article, @query, @results, @source, @helpful, @reason, @announcement, @simulated, @failed, @next)
            RETURNING id;
            """,
            cancellationToken,
            Short("kind", (short)e.Kind), Long("at", at), Text("user", e.UserKey), Text("session", e.SessionId), Text("language", e.Language), Text("route", e.Route),
            Text("article", e.ArticleId), Text("query", e.Query), Parameter("results", NpgsqlDbType.Integer, e.ResultCount), Short("source", (short)e.Source),
            Parameter("helpful", NpgsqlDbType.Boolean, e.Helpful), Text("reason", e.Reason), Text("announcement", e.AnnouncementId),
            Parameter("simulated", NpgsqlDbType.Boolean, e.IsSimulated), Parameter("failed", NpgsqlDbType.Boolean, failed), Parameter("next", NpgsqlDbType.Bigint, next)))!;

        var kind = e.Kind;
        if (kind == HelpEventKind.TicketCreated)
        {
            TicketsOf(e.UserKey).Add(new Ticket(id, at, failed));
        }
        else if (kind == HelpEventKind.ArticleViewed)
        {
            ViewsOf(e.UserKey).Add(at);
        }

        UpdateSession(e.SessionId, session => session.With(e, at), e.UserKey, at);

        if (kind == HelpEventKind.TicketCreated)
        {
            // The ticket undoes the resolution of every session of this user it falls in or within 24 hours after.
            var undone = _sessions
                .Where(s => s.Value is { Undone: false, Start: { } start } session && session.UserKey == e.UserKey && session.Last >= at - s_window && start <= at)
                .Select(s => s.Key)
                .ToList();
            foreach (var session in undone)
            {
                UpdateSession(session, summary => summary with { Undone = true }, e.UserKey, at);
            }
        }

        // A contact form opened counts for the article read last before it in its session (this batch's rows included).
        var readBefore = kind == HelpEventKind.ContactStarted ? await ScalarAsync(
            "read-before",
            """
            SELECT article_id FROM help_events
            WHERE session_id = @session AND kind = 5 AND article_id IS NOT NULL AND (at < @at OR (at = @at AND id < @id)) ORDER BY at DESC, id DESC LIMIT 1;
            """,
            cancellationToken,
            Text("session", e.SessionId), Long("at", at), Long("id", id)) as string : null;
        var day = DayOf(at);
        var row = new HelpInsightsEventRow
        {
            Kind = kind, At = at, Query = e.Query, Language = e.Language, Route = e.Route, ArticleId = e.ArticleId, Source = e.Source,
            Helpful = e.Helpful, Reason = e.Reason, IsSimulated = e.IsSimulated, FailedDeflection = failed, ArticleReadBefore = readBefore,
        };
        foreach (var (metric, key1, key2) in HelpInsightsCounters.Of(row))
        {
            Count(day, metric, key1, key2);
        }

        if (kind == HelpEventKind.ArticleViewed)
        {
            foreach (var ticket in TicketsOf(e.UserKey).Where(t => !t.Failed && t.At >= at && t.At <= at + s_window))
            {
                ticket.Failed = true;
                _failedTickets.Add(ticket.Id);
                Count(DayOf(ticket.At), HelpInsightsMetric.FailedDeflection, string.Empty, string.Empty);
            }
        }

        if (kind == HelpEventKind.TicketCreated)
        {
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
                var searchRow = new HelpInsightsEventRow { Kind = HelpEventKind.Search, At = (long)search[0]!, Query = (string?)search[1], Language = (string?)search[2], Route = (string?)search[3] };
                foreach (var (metric, key1, key2) in HelpInsightsCounters.OfFollowedSearch(searchRow))
                {
                    Count(DayOf(searchRow.At), metric, key1, key2);
                }
            }
        }
    }

    /// <summary>
    /// Writes the batch's sessions, marks the earlier tickets its articles made failed deflections, and adds its counter
    /// changes to the day, week and month counters, in key order, so that two instances adding to the same counters lock
    /// their rows in the same order and never deadlock.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        if (_changedSessions.Count > 0)
        {
            var sessions = _changedSessions.Order(StringComparer.Ordinal).Select(id => (Id: id, Summary: _sessions[id])).ToList();
            var command = new NpgsqlBatchCommand("""
                INSERT INTO help_sessions (session_id, user_key, start, last, searched, viewed, contacted, ticketed, helped, undone, articles)
                SELECT s.session_id, s.user_key, s.start, s.last, s.searched, s.viewed, s.contacted, s.ticketed, s.helped, s.undone,
                    CASE WHEN s.articles = '' THEN '{}'::text[] ELSE string_to_array(s.articles, E'\n') END
                FROM unnest(@ids, @users, @starts, @lasts, @searched, @viewed, @contacted, @ticketed, @helped, @undone, @articles)
                    AS s (session_id, user_key, start, last, searched, viewed, contacted, ticketed, helped, undone, articles)
                ON CONFLICT (session_id) DO UPDATE SET
                    user_key = excluded.user_key, start = excluded.start, last = excluded.last, searched = excluded.searched, viewed = excluded.viewed,
                    contacted = excluded.contacted, ticketed = excluded.ticketed, helped = excluded.helped, undone = excluded.undone, articles = excluded.articles;
                """);
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. sessions.Select(s => s.Id)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("users", [.. sessions.Select(s => s.Summary.UserKey)]));
            command.Parameters.Add(new NpgsqlParameter<long?[]>("starts", [.. sessions.Select(s => s.Summary.Start)]));
            command.Parameters.Add(new NpgsqlParameter<long[]>("lasts", [.. sessions.Select(s => s.Summary.Last)]));
            command.Parameters.Add(new NpgsqlParameter<bool[]>("searched", [.. sessions.Select(s => s.Summary.Searched)]));
            command.Parameters.Add(new NpgsqlParameter<bool[]>("viewed", [.. sessions.Select(s => s.Summary.Viewed)]));
            command.Parameters.Add(new NpgsqlParameter<bool[]>("contacted", [.. sessions.Select(s => s.Summary.Contacted)]));
            command.Parameters.Add(new NpgsqlParameter<bool[]>("ticketed", [.. sessions.Select(s => s.Summary.Ticketed)]));
            command.Parameters.Add(new NpgsqlParameter<bool[]>("helped", [.. sessions.Select(s => s.Summary.Helped)]));
            command.Parameters.Add(new NpgsqlParameter<bool[]>("undone", [.. sessions.Select(s => s.Summary.Undone)]));

            // Article ids hold no control character (events are validated), so a line break joins them.
            command.Parameters.Add(new NpgsqlParameter<string[]>("articles", [.. sessions.Select(s => string.Join('\n', s.Summary.Articles))]));
            batch.BatchCommands.Add(command);
        }

        if (_failedTickets.Count > 0)
        {
            var command = new NpgsqlBatchCommand("UPDATE help_events SET failed = true WHERE id = ANY(@ids);");
            command.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. _failedTickets]));
            batch.BatchCommands.Add(command);
        }

        var rows = _counts
            .Where(c => c.Value != 0)
            .SelectMany(c => new[]
            {
                (Grain: (short)HelpInsightsGrain.Day, Unit: c.Key.Day, c.Key.Metric, c.Key.Key1, c.Key.Key2, c.Value),
                (Grain: (short)HelpInsightsGrain.Week, Unit: WeekOf(c.Key.Day), c.Key.Metric, c.Key.Key1, c.Key.Key2, c.Value),
                (Grain: (short)HelpInsightsGrain.Month, Unit: MonthOf(c.Key.Day), c.Key.Metric, c.Key.Key1, c.Key.Key2, c.Value),
            })
            .GroupBy(r => (r.Grain, r.Unit, r.Metric, r.Key1, r.Key2))
            .Select(g => (g.Key.Grain, g.Key.Unit, g.Key.Metric, g.Key.Key1, g.Key.Key2, Value: g.Sum(r => r.Value)))
            .ToList();
        if (rows.Count > 0)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO help_counts (grain, unit, metric, key1, key2, value)
                SELECT grain, unit, metric, key1, key2, value
                FROM unnest(@grains, @units, @metrics, @key1s, @key2s, @values) AS c (grain, unit, metric, key1, key2, value)
                ORDER BY grain, unit, metric, key1 COLLATE "C", key2 COLLATE "C"
                ON CONFLICT (grain, unit, metric, key1, key2) DO UPDATE SET value = help_counts.value + excluded.value;
                """);
            command.Parameters.Add(new NpgsqlParameter<short[]>("grains", [.. rows.Select(r => r.Grain)]));
            command.Parameters.Add(new NpgsqlParameter<int[]>("units", [.. rows.Select(r => (int)r.Unit)]));
            command.Parameters.Add(new NpgsqlParameter<short[]>("metrics", [.. rows.Select(r => (short)r.Metric)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("key1s", [.. rows.Select(r => r.Key1)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("key2s", [.. rows.Select(r => r.Key2)]));
            command.Parameters.Add(new NpgsqlParameter<long[]>("values", [.. rows.Select(r => r.Value)]));
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private List<Ticket> TicketsOf(string user) => _tickets.TryGetValue(user, out var tickets) ? tickets : _tickets[user] = [];

    private List<long> ViewsOf(string user) => _views.TryGetValue(user, out var views) ? views : _views[user] = [];

    /// <summary>
    /// Applies <paramref name="change"/> to a session's summary, checks whether a ticket of its user now undoes its
    /// resolution, and moves the counters of the day it started by the difference.
    /// </summary>
    private void UpdateSession(string sessionId, Func<HelpSessionSummary, HelpSessionSummary> change, string userKey, long at)
    {
        var before = _sessions.GetValueOrDefault(sessionId) ?? new HelpSessionSummary(userKey, null, at, false, false, false, false, false, false, []);
        var after = change(before);
        if (!after.Undone && after.Start is { } start)
        {
            after = after with { Undone = TicketsOf(after.UserKey).Exists(t => t.At >= start && t.At <= after.Last + s_window) };
        }

        _sessions[sessionId] = after;
        _changedSessions.Add(sessionId);
        if (after.Start is { } started)
        {
            var day = DayOf(started);
            foreach (var (metric, key, delta) in after.ChangesFrom(before))
            {
                Count(day, metric, key, string.Empty, delta);
            }
        }
    }

    private void Count(long day, HelpInsightsMetric metric, string key1, string key2, int delta = 1)
    {
        var key = (day, metric, key1, key2);
        _counts[key] = _counts.GetValueOrDefault(key) + delta;
    }

    /// <summary>A ticket of the batch's users, as the writer judges it.</summary>
    private sealed class Ticket(long id, long at, bool failed)
    {
        public long Id { get; } = id;

        public long At { get; } = at;

        public bool Failed { get; set; } = failed;
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
