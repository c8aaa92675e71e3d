using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.Sqlite;

/// <summary>
/// Keeps insight events in the store's SQLite file and computes the figures of a period in SQL, with indexes for each
/// of the dashboard's questions. Times are stored as Unix milliseconds.
/// </summary>
internal sealed class SqliteHelpEventStore : IHelpEventStore, IDisposable
{
    /// <summary>The events table and its indexes; each statement is safe to run again, so a database of an earlier version gains them.</summary>
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS help_events (
            id INTEGER PRIMARY KEY,
            kind INTEGER NOT NULL,
            at INTEGER NOT NULL,
            user_key TEXT NOT NULL,
            session_id TEXT NOT NULL,
            language TEXT,
            route TEXT,
            article_id TEXT,
            query TEXT,
            result_count INTEGER,
            source INTEGER NOT NULL DEFAULT 0,
            helpful INTEGER,
            reason TEXT,
            announcement_id TEXT,
            simulated INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS help_events_kind_at ON help_events (kind, at);
        CREATE INDEX IF NOT EXISTS help_events_session ON help_events (session_id, kind, at);
        CREATE INDEX IF NOT EXISTS help_events_user_tickets ON help_events (user_key, at) WHERE kind = 8;
        CREATE INDEX IF NOT EXISTS help_events_user_views ON help_events (user_key, at) WHERE kind = 5;
        CREATE INDEX IF NOT EXISTS help_events_at ON help_events (at);
        CREATE TABLE IF NOT EXISTS help_settings (
            name TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        """;

    private const string Period = "at >= $from AND at < $to";

    /// <summary>The help sessions that started in the period, with what happened in each and whether it was a self-service resolution.</summary>
    private const string SessionsTable = """
        DROP TABLE IF EXISTS temp.report_sessions;
        CREATE TEMP TABLE report_sessions AS
        SELECT s.*, s.helped AND NOT EXISTS (
                SELECT 1 FROM help_events t INDEXED BY help_events_user_tickets
                WHERE t.kind = 8 AND t.user_key = s.user_key AND t.at >= s.start AND t.at <= s.last + $window) AS resolved
        FROM (
            SELECT st.session_id, st.user_key, st.at AS start,
                (SELECT MAX(x.at) FROM help_events x WHERE x.session_id = st.session_id) AS last,
                EXISTS (SELECT 1 FROM help_events x WHERE x.session_id = st.session_id AND x.kind IN (2, 3) AND x.at >= st.at) AS searched,
                EXISTS (SELECT 1 FROM help_events x WHERE x.session_id = st.session_id AND x.kind = 5 AND x.at >= st.at) AS viewed,
                EXISTS (SELECT 1 FROM help_events x WHERE x.session_id = st.session_id AND x.kind = 7 AND x.at >= st.at) AS contacted,
                EXISTS (SELECT 1 FROM help_events x WHERE x.session_id = st.session_id AND x.kind = 8 AND x.at >= st.at) AS ticketed,
                EXISTS (SELECT 1 FROM help_events x WHERE x.session_id = st.session_id AND x.kind IN (5, 9) AND x.at >= st.at) AS helped
            FROM help_events st
            WHERE st.kind = 1 AND st.at >= $from AND st.at < $to
        ) AS s;
        """;

    private static readonly string[] InsertParameters =
        ["$kind", "$at", "$user", "$session", "$language", "$route", "$article", "$query", "$results", "$source", "$helpful", "$reason", "$announcement", "$simulated"];

    private readonly SqliteDatabase _database;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteHelpEventStore(IOptions<SqliteStoreOptions> options, IHostEnvironment? environment = null)
    {
        _database = new SqliteDatabase(options.Value, environment, async (connection, cancellationToken) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;" + Schema;
            await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }

    public string Name => "sqlite";

    public void Dispose()
    {
        _database.Dispose();
        _writeLock.Dispose();
    }

    public async Task WriteAsync(IReadOnlyList<HelpEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var helpEvent in events)
        {
            ArgumentNullException.ThrowIfNull(helpEvent, nameof(events));
            helpEvent.Validate();
        }

        if (events.Count == 0)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO help_events (kind, at, user_key, session_id, language, route, article_id, query, result_count, source, helpful, reason, announcement_id, simulated)
                VALUES ($kind, $at, $user, $session, $language, $route, $article, $query, $results, $source, $helpful, $reason, $announcement, $simulated);
                """;
            var parameters = InsertParameters.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name }))
                .ToArray();
            command.Prepare();
            foreach (var e in events)
            {
                object?[] values =
                [
                    (int)e.Kind, e.OccurredAt.ToUnixTimeMilliseconds(), e.UserKey, e.SessionId, e.Language, e.Route, e.ArticleId, e.Query,
                    e.ResultCount, (int)e.Source, e.Helpful is { } helpful ? (helpful ? 1 : 0) : null, e.Reason, e.AnnouncementId, e.IsSimulated ? 1 : 0,
                ];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i] ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            SqliteTelemetry.EventsAppended.Add(events.Count);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM help_events WHERE at < $cutoff;";
            command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            SqliteTelemetry.EventsDeleted.Add(deleted);
            return deleted;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<byte[]> GetOrCreateUserKeySecretAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // INSERT OR IGNORE: two processes starting together keep the key of whichever inserted first.
        command.CommandText = """
            INSERT OR IGNORE INTO help_settings (name, value) VALUES ('user_key_secret', $value);
            SELECT value FROM help_settings WHERE name = 'user_key_secret';
            """;
        command.Parameters.AddWithValue("$value", RandomNumberGenerator.GetBytes(32));
        return (byte[])(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<HelpInsightsReport> GetReportAsync(HelpInsightsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        using var activity = SqliteTelemetry.Source.StartActivity("helpwidget.sqlite.insights_report");
        var started = Stopwatch.GetTimestamp();
        await using var connection = await _database.OpenAsync(cancellationToken);
        var from = query.From.ToUnixTimeMilliseconds();
        var to = query.To.ToUnixTimeMilliseconds();
        SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$to", to);
            command.Parameters.AddWithValue("$window", (long)HelpInsightsDefinitions.TicketWindow.TotalMilliseconds);
            command.Parameters.AddWithValue("$top", query.Top);
            return command;
        }

        async Task<List<T>> ReadAsync<T>(string sql, Func<SqliteDataReader, T> read)
        {
            await using var command = Command(sql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }

        await using (var sessions = Command(SessionsTable))
        {
            await sessions.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var funnel = (await ReadAsync(
                "SELECT COUNT(*), IFNULL(SUM(searched), 0), IFNULL(SUM(viewed), 0), IFNULL(SUM(contacted), 0), IFNULL(SUM(ticketed), 0), IFNULL(SUM(resolved), 0) FROM temp.report_sessions;",
                r => (Sessions: r.GetInt32(0), Searched: r.GetInt32(1), Viewed: r.GetInt32(2), Contacted: r.GetInt32(3), Ticketed: r.GetInt32(4), Resolved: r.GetInt32(5))))[0];
            var kinds = (await ReadAsync($"SELECT kind, COUNT(*) FROM help_events WHERE kind IN (2, 3, 5) AND {Period} GROUP BY kind;", r => (Kind: r.GetInt32(0), Count: r.GetInt32(1))))
                .ToDictionary(k => k.Kind, k => k.Count);
            var tickets = (await ReadAsync(
                $"""
                SELECT COUNT(*), IFNULL(SUM(EXISTS (
                    SELECT 1 FROM help_events v INDEXED BY help_events_user_views
                    WHERE v.kind = 5 AND v.user_key = t.user_key AND v.at <= t.at AND v.at >= t.at - $window)), 0)
                FROM help_events t WHERE t.kind = 8 AND t.{Period};
                """,
                r => (Count: r.GetInt32(0), Failed: r.GetInt32(1))))[0];
            var resolvedByDay = (await ReadAsync("SELECT start / 86400000, SUM(resolved) FROM temp.report_sessions GROUP BY 1;", r => (Day: r.GetInt64(0), Count: r.GetInt32(1))))
                .ToDictionary(d => d.Day, d => d.Count);
            var ticketsByDay = (await ReadAsync($"SELECT at / 86400000, COUNT(*) FROM help_events WHERE kind = 8 AND {Period} GROUP BY 1;", r => (Day: r.GetInt64(0), Count: r.GetInt32(1))))
                .ToDictionary(d => d.Day, d => d.Count);

            string Queries(string kinds, string? condition = null) => $"""
                SELECT query, language, COUNT(*) AS count FROM help_events s
                WHERE kind IN ({kinds}) AND {Period} AND query IS NOT NULL {(condition is null ? string.Empty : "AND " + condition)}
                GROUP BY query, language ORDER BY count DESC, query, language LIMIT $top;
                """;
            static HelpQueryCount ReadQuery(SqliteDataReader r) => new() { Query = r.GetString(0), Language = r.IsDBNull(1) ? null : r.GetString(1), Count = r.GetInt32(2) };

            var top = await ReadAsync(Queries("2, 3"), ReadQuery);
            var zero = await ReadAsync(Queries("3"), ReadQuery);
            var followed = await ReadAsync(
                Queries("2, 3", """
                    EXISTS (SELECT 1 FROM help_events t WHERE t.session_id = s.session_id AND t.kind = 8 AND t.at > s.at
                        AND NOT EXISTS (SELECT 1 FROM help_events v WHERE v.session_id = s.session_id AND v.kind = 5 AND v.at > s.at AND v.at < t.at))
                    """),
                ReadQuery);

            const string LastVotes = $"""
                WITH last AS (
                    SELECT article_id, helpful, reason FROM (
                        SELECT article_id, helpful, reason, ROW_NUMBER() OVER (PARTITION BY user_key, article_id ORDER BY at DESC, id DESC) AS position
                        FROM help_events WHERE kind = 6 AND {Period} AND article_id IS NOT NULL AND helpful IS NOT NULL)
                    WHERE position = 1)
                """;
            var ratings = await ReadAsync(
                LastVotes + """
                    SELECT article_id, SUM(helpful = 1) AS yes, SUM(helpful = 0) AS no FROM last
                    GROUP BY article_id ORDER BY CAST(SUM(helpful = 1) AS REAL) / COUNT(*), no DESC, article_id LIMIT $top;
                    """,
                r => (ArticleId: r.GetString(0), Yes: r.GetInt32(1), No: r.GetInt32(2)));
            var reasons = (await ReadAsync(
                    LastVotes + "SELECT article_id, reason, COUNT(*) FROM last WHERE helpful = 0 AND reason IS NOT NULL GROUP BY article_id, reason;",
                    r => (ArticleId: r.GetString(0), Reason: r.GetString(1), Count: r.GetInt32(2))))
                .ToLookup(r => r.ArticleId, StringComparer.Ordinal);

            var pages = await ReadAsync(
                $"""
                SELECT IFNULL(route, '/') AS page, SUM(kind = 7) AS contacts, SUM(kind = 8) AS tickets FROM help_events
                WHERE kind IN (7, 8) AND {Period} GROUP BY page ORDER BY contacts + tickets DESC, page LIMIT $top;
                """,
                r => new HelpRouteContacts { Route = r.GetString(0), ContactsStarted = r.GetInt32(1), Tickets = r.GetInt32(2) });

            var resolutions = (await ReadAsync(
                    """
                    SELECT x.article_id, COUNT(DISTINCT x.session_id) FROM temp.report_sessions s
                    JOIN help_events x ON x.session_id = s.session_id AND x.kind IN (5, 9) AND x.at >= s.start
                    WHERE s.resolved AND x.article_id IS NOT NULL GROUP BY x.article_id;
                    """,
                    r => (ArticleId: r.GetString(0), Count: r.GetInt32(1))))
                .ToDictionary(r => r.ArticleId, r => r.Count, StringComparer.Ordinal);
            var confirmations = (await ReadAsync($"SELECT article_id, COUNT(*) FROM help_events WHERE kind = 9 AND {Period} AND article_id IS NOT NULL GROUP BY article_id;", r => (ArticleId: r.GetString(0), Count: r.GetInt32(1))))
                .ToDictionary(r => r.ArticleId, r => r.Count, StringComparer.Ordinal);

            var days = new List<HelpInsightsDay>();
            var lastDay = DateOnly.FromDateTime(query.To.UtcDateTime.AddTicks(-1));
            for (var day = DateOnly.FromDateTime(query.From.UtcDateTime); day <= lastDay; day = day.AddDays(1))
            {
                var number = day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
                days.Add(new HelpInsightsDay { Date = day, Resolutions = resolvedByDay.GetValueOrDefault(number), Tickets = ticketsByDay.GetValueOrDefault(number) });
            }

            return new HelpInsightsReport
            {
                From = query.From,
                To = query.To,
                Funnel = new HelpInsightsFunnel { Sessions = funnel.Sessions, WithSearch = funnel.Searched, WithArticle = funnel.Viewed, WithContact = funnel.Contacted, WithTicket = funnel.Ticketed },
                Searches = kinds.GetValueOrDefault(2) + kinds.GetValueOrDefault(3),
                ArticleViews = kinds.GetValueOrDefault(5),
                SelfServiceResolutions = funnel.Resolved,
                Tickets = tickets.Count,
                FailedDeflections = tickets.Failed,
                Days = days,
                TopSearches = top,
                ZeroResultSearches = zero,
                SearchesFollowedByTicket = followed,
                WorstRatedArticles = [.. ratings.Select(r => new HelpArticleRating
                {
                    ArticleId = r.ArticleId,
                    Yes = r.Yes,
                    No = r.No,
                    Reasons = [.. reasons[r.ArticleId].OrderByDescending(x => x.Count).ThenBy(x => x.Reason, StringComparer.Ordinal).Select(x => new KeyValuePair<string, int>(x.Reason, x.Count))],
                })],
                PagesWithMostContacts = pages,
                TopDeflectingArticles = [.. resolutions.Keys.Union(confirmations.Keys, StringComparer.Ordinal)
                    .Select(id => new HelpArticleDeflections { ArticleId = id, Resolutions = resolutions.GetValueOrDefault(id), Confirmations = confirmations.GetValueOrDefault(id) })
                    .OrderByDescending(a => a.Resolutions).ThenByDescending(a => a.Confirmations).ThenBy(a => a.ArticleId, StringComparer.Ordinal)
                    .Take(query.Top)],
            };
        }
        finally
        {
            await using var drop = Command("DROP TABLE IF EXISTS temp.report_sessions;");
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
            SqliteTelemetry.ReportDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
