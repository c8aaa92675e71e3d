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
    /// <summary>
    /// The events, and what the dashboard reads instead of scanning them: a summary row per help session and counters
    /// per UTC day, week (Monday to Sunday) and month. Each statement is safe to run again, so a database of an earlier
    /// version gains them.
    /// </summary>
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
            simulated INTEGER NOT NULL DEFAULT 0,
            followed INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            next_at INTEGER
        );
        CREATE INDEX IF NOT EXISTS help_events_kind_at ON help_events (kind, at);
        CREATE INDEX IF NOT EXISTS help_events_session ON help_events (session_id, kind, at);
        CREATE INDEX IF NOT EXISTS help_events_user_tickets ON help_events (user_key, at) WHERE kind = 8;
        CREATE INDEX IF NOT EXISTS help_events_user_views ON help_events (user_key, at) WHERE kind = 5;
        CREATE INDEX IF NOT EXISTS help_events_at ON help_events (at);
        CREATE TABLE IF NOT EXISTS help_sessions (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL UNIQUE,
            user_key TEXT NOT NULL,
            start INTEGER,
            last INTEGER NOT NULL,
            searched INTEGER NOT NULL,
            viewed INTEGER NOT NULL,
            contacted INTEGER NOT NULL,
            ticketed INTEGER NOT NULL,
            helped INTEGER NOT NULL,
            undone INTEGER NOT NULL,
            articles TEXT
        );
        CREATE INDEX IF NOT EXISTS help_sessions_start ON help_sessions (start) WHERE start IS NOT NULL;
        CREATE INDEX IF NOT EXISTS help_sessions_user ON help_sessions (user_key, last) WHERE undone = 0;
        CREATE TABLE IF NOT EXISTS help_counts (
            day INTEGER NOT NULL,
            metric INTEGER NOT NULL,
            key1 TEXT NOT NULL,
            key2 TEXT NOT NULL,
            value INTEGER NOT NULL,
            PRIMARY KEY (day, metric, key1, key2)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS help_counts_weekly (
            week INTEGER NOT NULL,
            metric INTEGER NOT NULL,
            key1 TEXT NOT NULL,
            key2 TEXT NOT NULL,
            value INTEGER NOT NULL,
            PRIMARY KEY (week, metric, key1, key2)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS help_counts_monthly (
            month INTEGER NOT NULL,
            metric INTEGER NOT NULL,
            key1 TEXT NOT NULL,
            key2 TEXT NOT NULL,
            value INTEGER NOT NULL,
            PRIMARY KEY (month, metric, key1, key2)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS help_settings (
            name TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        """;

    /// <summary>
    /// What reads votes: the writer finds a vote's neighbours, and the report finds the votes of its period that a later
    /// vote of the same user and article, also in the period, replaced (<c>next_at</c>, the time of the next one).
    /// </summary>
    private const string VoteIndexes = """
        DROP INDEX IF EXISTS help_events_votes;
        CREATE INDEX IF NOT EXISTS help_events_user_votes ON help_events (user_key, article_id, at) WHERE kind = 6;
        CREATE INDEX IF NOT EXISTS help_events_replaced_votes ON help_events (next_at, at, article_id, helpful, reason) WHERE kind = 6 AND next_at IS NOT NULL;
        """;

    /// <summary>The version of the events' schema this store writes, kept in <c>help_settings</c>; an older file is migrated once.</summary>
    private const int SchemaVersion = 3;

    /// <summary>
    /// Brings a database of the first version (without vote successors, vote counters and weekly counters) up to date;
    /// every step can run again. Months of the vote counters are summed from their days.
    /// </summary>
    private const string Migration = """
        UPDATE help_events AS v SET next_at = n.next_at FROM (
            SELECT id, LEAD(at) OVER (PARTITION BY user_key, article_id ORDER BY at, id) AS next_at
            FROM help_events WHERE kind = 6 AND article_id IS NOT NULL AND helpful IS NOT NULL) AS n
        WHERE v.id = n.id AND n.next_at IS NOT NULL;
        DELETE FROM help_counts WHERE metric = 17;
        INSERT INTO help_counts (day, metric, key1, key2, value)
            SELECT at / 86400000, 17, article_id, helpful || char(2) || coalesce(reason, char(1)), COUNT(*) FROM help_events
            WHERE kind = 6 AND article_id IS NOT NULL AND helpful IS NOT NULL GROUP BY 1, 3, 4;
        DELETE FROM help_counts_monthly WHERE metric = 17;
        INSERT INTO help_counts_monthly (month, metric, key1, key2, value)
            SELECT (CAST(strftime('%Y', day * 86400, 'unixepoch') AS INTEGER) - 1970) * 12 + CAST(strftime('%m', day * 86400, 'unixepoch') AS INTEGER) - 1,
                metric, key1, key2, SUM(value)
            FROM help_counts WHERE metric = 17 GROUP BY 1, key1, key2;
        DELETE FROM help_counts_weekly;
        INSERT INTO help_counts_weekly (week, metric, key1, key2, value)
            SELECT (day + 3) / 7, metric, key1, key2, SUM(value) FROM help_counts GROUP BY (day + 3) / 7, metric, key1, key2;
        """;

    /// <summary>
    /// Brings a database of the second version up to date: counts per article (views, views from search, contact forms
    /// opened after an article) for the events stored before. Every step can run again.
    /// </summary>
    private const string ArticleMigration = """
        DELETE FROM help_counts WHERE metric IN (21, 22, 23);
        INSERT INTO help_counts (day, metric, key1, key2, value)
            SELECT at / 86400000, 21, article_id, '', COUNT(*) FROM help_events WHERE kind = 5 AND article_id IS NOT NULL GROUP BY 1, 3;
        INSERT INTO help_counts (day, metric, key1, key2, value)
            SELECT at / 86400000, 22, article_id, '', COUNT(*) FROM help_events WHERE kind = 5 AND article_id IS NOT NULL AND source = 2 GROUP BY 1, 3;
        INSERT INTO help_counts (day, metric, key1, key2, value)
            SELECT day, 23, article, '', COUNT(*) FROM (
                SELECT c.at / 86400000 AS day,
                    (SELECT v.article_id FROM help_events v
                     WHERE v.session_id = c.session_id AND v.kind = 5 AND v.article_id IS NOT NULL AND (v.at < c.at OR (v.at = c.at AND v.id < c.id))
                     ORDER BY v.at DESC, v.id DESC LIMIT 1) AS article
                FROM help_events c WHERE c.kind = 7)
            WHERE article IS NOT NULL GROUP BY 1, 3;
        DELETE FROM help_counts_weekly WHERE metric IN (21, 22, 23);
        INSERT INTO help_counts_weekly (week, metric, key1, key2, value)
            SELECT (day + 3) / 7, metric, key1, key2, SUM(value) FROM help_counts WHERE metric IN (21, 22, 23) GROUP BY (day + 3) / 7, metric, key1, key2;
        DELETE FROM help_counts_monthly WHERE metric IN (21, 22, 23);
        INSERT INTO help_counts_monthly (month, metric, key1, key2, value)
            SELECT (CAST(strftime('%Y', day * 86400, 'unixepoch') AS INTEGER) - 1970) * 12 + CAST(strftime('%m', day * 86400, 'unixepoch') AS INTEGER) - 1,
                metric, key1, key2, SUM(value)
            FROM help_counts WHERE metric IN (21, 22, 23) GROUP BY 1, metric, key1, key2;
        """;

    private const long Day = HelpInsightsCounters.MillisecondsPerDay;

    private static readonly string[] InsertParameters =
        ["$kind", "$at", "$user", "$session", "$language", "$route", "$article", "$query", "$results", "$source", "$helpful", "$reason", "$announcement", "$simulated", "$failed", "$next"];

    private readonly SqliteDatabase _database;
    private readonly IPersonalDataScrubber? _scrubber;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <param name="options">The store's options.</param>
    /// <param name="environment">The host, whose content root anchors a relative file.</param>
    /// <param name="scrubber">Scrubs the comments of "No" answers when a report reads them; without one, reports give no comments.</param>
    public SqliteHelpEventStore(IOptions<SqliteStoreOptions> options, IHostEnvironment? environment = null, IPersonalDataScrubber? scrubber = null)
    {
        _scrubber = scrubber;
        _database = new SqliteDatabase(options.Value, environment, async (connection, cancellationToken) =>
        {
            await using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                await wal.ExecuteNonQueryAsync(cancellationToken);
            }

            // One immediate transaction, so processes opening the same file do not race to migrate it.
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Schema + "SELECT COUNT(*) FROM pragma_table_info('help_events') WHERE name = 'next_at';";
            if (await command.ExecuteScalarAsync(cancellationToken) is 0L)
            {
                command.CommandText = "ALTER TABLE help_events ADD COLUMN next_at INTEGER;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            command.CommandText = "SELECT coalesce((SELECT value FROM help_settings WHERE name = 'events_schema'), 1);";
            var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (version < SchemaVersion)
            {
                command.CommandText = (version < 2 ? Migration : string.Empty) + ArticleMigration
                    + $"INSERT OR REPLACE INTO help_settings (name, value) VALUES ('events_schema', {SchemaVersion});";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            command.CommandText = VoteIndexes + "DROP INDEX IF EXISTS help_events_ratings;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
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
            await using var writer = new EventWriter(connection, transaction);
            foreach (var e in events)
            {
                await writer.WriteAsync(e, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            SqliteTelemetry.EventsAppended.Add(events.Count);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Deletes whole UTC days: everything before the start of <paramref name="cutoff"/>'s day, so the day counters stay exact.</summary>
    public async Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var day = Math.DivRem(cutoff.ToUnixTimeMilliseconds(), Day) is var (quotient, remainder) && remainder < 0 ? quotient - 1 : quotient;
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // A week or month partly deleted is summed again from its remaining days.
            command.CommandText = """
                DELETE FROM help_counts WHERE day < $day;
                DELETE FROM help_counts_weekly WHERE week <= $week;
                INSERT INTO help_counts_weekly (week, metric, key1, key2, value)
                    SELECT $week, metric, key1, key2, SUM(value) FROM help_counts WHERE day >= $weekStart AND day < $weekEnd GROUP BY metric, key1, key2;
                DELETE FROM help_counts_monthly WHERE month <= $month;
                INSERT INTO help_counts_monthly (month, metric, key1, key2, value)
                    SELECT $month, metric, key1, key2, SUM(value) FROM help_counts WHERE day >= $monthStart AND day < $monthEnd GROUP BY metric, key1, key2;
                DELETE FROM help_sessions WHERE last < $cutoff;
                DELETE FROM help_events WHERE at < $cutoff;
                """;
            command.Parameters.AddWithValue("$day", day);
            command.Parameters.AddWithValue("$week", WeekOf(day));
            command.Parameters.AddWithValue("$weekStart", FirstDayOfWeek(WeekOf(day)));
            command.Parameters.AddWithValue("$weekEnd", FirstDayOfWeek(WeekOf(day) + 1));
            command.Parameters.AddWithValue("$month", MonthOf(day));
            command.Parameters.AddWithValue("$monthStart", FirstDayOf(MonthOf(day)));
            command.Parameters.AddWithValue("$monthEnd", FirstDayOf(MonthOf(day) + 1));
            command.Parameters.AddWithValue("$cutoff", day * Day);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await using var changes = connection.CreateCommand();
            changes.Transaction = transaction;
            changes.CommandText = "SELECT changes();";
            var deleted = Convert.ToInt32(await changes.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            await transaction.CommitAsync(cancellationToken);
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
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
            return await HelpInsightsReportBuilder.BuildAsync(query, new ReportRows(connection, _scrubber), cancellationToken);
        }
        finally
        {
            SqliteTelemetry.ReportDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private static long DayOf(long at) => HelpInsightsCounters.DayOf(at);

    private static long MonthOf(long day) => HelpInsightsCounters.MonthOf(day);

    private static long WeekOf(long day) => HelpInsightsCounters.WeekOf(day);

    private static long FirstDayOfWeek(long week) => HelpInsightsCounters.FirstDayOfWeek(week);

    private static long FirstDayOf(long month) => HelpInsightsCounters.FirstDayOfMonth(month);

    /// <summary>
    /// Writes events one by one within a transaction, keeping the session summaries and day counters in step: a ticket
    /// marks the searches of its session it followed with no article opened in between, and is a failed deflection
    /// when the user read an article in the 24 hours before it (an article recorded after such a ticket marks it too).
    /// </summary>
    private sealed class EventWriter(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = [];

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
            var window = (long)HelpInsightsDefinitions.TicketWindow.TotalMilliseconds;
            var failed = e.Kind == HelpEventKind.TicketCreated && await ScalarAsync(
                "failed",
                "SELECT EXISTS (SELECT 1 FROM help_events INDEXED BY help_events_user_views WHERE kind = 5 AND user_key = $user AND at <= $at AND at >= $at - $window);",
                cancellationToken,
                ("$user", e.UserKey), ("$at", at), ("$window", window)) is 1L;

            // A contact form opened counts for the article read last before it in its session.
            var readBefore = e.Kind == HelpEventKind.ContactStarted ? await ScalarAsync(
                "read-before",
                """
                SELECT article_id FROM help_events INDEXED BY help_events_session
                WHERE session_id = $session AND kind = 5 AND article_id IS NOT NULL AND at <= $at ORDER BY at DESC, id DESC LIMIT 1;
                """,
                cancellationToken,
                ("$session", e.SessionId), ("$at", at)) : null;

            // A vote replaces the one of the same user and article before it (in time, then in order of writing), and is
            // replaced by the first one after it: each vote keeps the time of its successor, so a report counts the
            // last vote in its period without reading every vote.
            object? next = null;
            if (e is { Kind: HelpEventKind.Vote, ArticleId: not null, Helpful: not null })
            {
                next = await ScalarAsync(
                    "vote-next",
                    """
                    SELECT MIN(at) FROM help_events INDEXED BY help_events_user_votes
                    WHERE kind = 6 AND user_key = $user AND article_id = $article AND at > $at AND helpful IS NOT NULL;
                    """,
                    cancellationToken,
                    ("$user", e.UserKey), ("$article", e.ArticleId), ("$at", at));
                await ExecuteAsync(
                    "vote-previous",
                    """
                    UPDATE help_events SET next_at = $at
                    WHERE id = (SELECT id FROM help_events INDEXED BY help_events_user_votes
                        WHERE kind = 6 AND user_key = $user AND article_id = $article AND at <= $at AND helpful IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1);
                    """,
                    cancellationToken,
                    ("$user", e.UserKey), ("$article", e.ArticleId), ("$at", at));
            }

            object?[] values =
            [
                (int)e.Kind, at, e.UserKey, e.SessionId, e.Language, e.Route, e.ArticleId, e.Query, e.ResultCount, (int)e.Source,
                e.Helpful is { } helpful ? (helpful ? 1 : 0) : null, e.Reason, e.AnnouncementId, e.IsSimulated ? 1 : 0, failed ? 1 : 0, next is DBNull ? null : next,
            ];
            await ExecuteAsync(
                "insert",
                """
                INSERT INTO help_events (kind, at, user_key, session_id, language, route, article_id, query, result_count, source, helpful, reason, announcement_id, simulated, failed, next_at)
                VALUES ($kind, $at, $user, $session, $language, $route, $article, $query, $results, $source, $helpful, $reason, $announcement, $simulated, $failed, $next);
                """,
                cancellationToken,
                [.. InsertParameters.Zip(values)]);

            var kind = e.Kind;
            await UpdateSessionAsync(e.SessionId, session => session.With(e, at), e.UserKey, at, cancellationToken);

            if (kind == HelpEventKind.TicketCreated)
            {
                // The ticket undoes the resolution of every session of this user it falls in or within 24 hours after.
                var undone = await ReadAsync(
                    "undone-by-ticket",
                    "SELECT session_id FROM help_sessions INDEXED BY help_sessions_user WHERE user_key = $user AND undone = 0 AND last >= $at - $window AND start <= $at;",
                    cancellationToken,
                    ("$user", e.UserKey), ("$at", at), ("$window", window));
                foreach (var session in undone)
                {
                    await UpdateSessionAsync((string)session[0]!, summary => summary with { Undone = true }, e.UserKey, at, cancellationToken);
                }
            }

            var day = DayOf(at);
            var row = new HelpInsightsEventRow
            {
                Kind = kind, At = at, Query = e.Query, Language = e.Language, Route = e.Route, ArticleId = e.ArticleId, Source = e.Source,
                Helpful = e.Helpful, Reason = e.Reason, IsSimulated = e.IsSimulated, FailedDeflection = failed, ArticleReadBefore = readBefore as string,
            };
            foreach (var (metric, key1, key2) in HelpInsightsCounters.Of(row))
            {
                await CountAsync(day, metric, key1, key2, cancellationToken);
            }

            if (kind == HelpEventKind.ArticleViewed)
            {
                foreach (var ticket in await ReadAsync(
                    "mark-failed",
                    """
                    UPDATE help_events SET failed = 1
                    WHERE id IN (SELECT id FROM help_events INDEXED BY help_events_user_tickets WHERE kind = 8 AND user_key = $user AND at >= $at AND at <= $at + $window)
                        AND failed = 0
                    RETURNING at;
                    """,
                    cancellationToken,
                    ("$user", e.UserKey), ("$at", at), ("$window", window)))
                {
                    await CountAsync(DayOf((long)ticket[0]!), HelpInsightsMetric.FailedDeflection, string.Empty, string.Empty, cancellationToken);
                }
            }

            if (kind == HelpEventKind.TicketCreated)
            {
                foreach (var search in await ReadAsync(
                    "mark-followed",
                    """
                    UPDATE help_events AS s SET followed = 1
                    WHERE s.id IN (SELECT id FROM help_events INDEXED BY help_events_session WHERE session_id = $session AND kind IN (2, 3) AND at < $at)
                        AND s.followed = 0
                        AND NOT EXISTS (SELECT 1 FROM help_events v WHERE v.session_id = $session AND v.kind = 5 AND v.at > s.at AND v.at < $at)
                    RETURNING at, query, language, route;
                    """,
                    cancellationToken,
                    ("$session", e.SessionId), ("$at", at)))
                {
                    var searchRow = new HelpInsightsEventRow { Kind = HelpEventKind.Search, At = (long)search[0]!, Query = (string?)search[1], Language = (string?)search[2], Route = (string?)search[3] };
                    foreach (var (metric, key1, key2) in HelpInsightsCounters.OfFollowedSearch(searchRow))
                    {
                        await CountAsync(DayOf(searchRow.At), metric, key1, key2, cancellationToken);
                    }
                }
            }
        }

        /// <summary>
        /// Applies <paramref name="change"/> to a session's summary, checks whether a ticket of its user now undoes its
        /// resolution, and moves the day counters of the day it started by the difference.
        /// </summary>
        private async Task UpdateSessionAsync(string sessionId, Func<HelpSessionSummary, HelpSessionSummary> change, string userKey, long at, CancellationToken cancellationToken)
        {
            var rows = await ReadAsync(
                "session-read",
                "SELECT user_key, start, last, searched, viewed, contacted, ticketed, helped, undone, articles FROM help_sessions WHERE session_id = $session;",
                cancellationToken,
                ("$session", sessionId));
            var before = rows.Count == 0
                ? new HelpSessionSummary(userKey, null, at, false, false, false, false, false, false, [])
                : new HelpSessionSummary(
                    (string)rows[0][0]!, (long?)rows[0][1], (long)rows[0][2]!, (long)rows[0][3]! == 1, (long)rows[0][4]! == 1, (long)rows[0][5]! == 1,
                    (long)rows[0][6]! == 1, (long)rows[0][7]! == 1, (long)rows[0][8]! == 1, rows[0][9] is string articles ? articles.Split('\n') : []);
            var after = change(before);
            if (!after.Undone && after.Start is { } start)
            {
                after = after with
                {
                    Undone = await ScalarAsync(
                        "undone-check",
                        "SELECT EXISTS (SELECT 1 FROM help_events INDEXED BY help_events_user_tickets WHERE kind = 8 AND user_key = $user AND at >= $start AND at <= $last + $window);",
                        cancellationToken,
                        ("$user", after.UserKey), ("$start", start), ("$last", after.Last), ("$window", (long)HelpInsightsDefinitions.TicketWindow.TotalMilliseconds)) is 1L,
                };
            }

            await ExecuteAsync(
                "session-write",
                """
                INSERT INTO help_sessions (session_id, user_key, start, last, searched, viewed, contacted, ticketed, helped, undone, articles)
                VALUES ($session, $user, $start, $last, $searched, $viewed, $contacted, $ticketed, $helped, $undone, $articles)
                ON CONFLICT (session_id) DO UPDATE SET
                    user_key = excluded.user_key, start = excluded.start, last = excluded.last, searched = excluded.searched, viewed = excluded.viewed,
                    contacted = excluded.contacted, ticketed = excluded.ticketed, helped = excluded.helped, undone = excluded.undone, articles = excluded.articles;
                """,
                cancellationToken,
                ("$session", sessionId), ("$user", after.UserKey), ("$start", after.Start), ("$last", after.Last), ("$searched", after.Searched ? 1 : 0),
                ("$viewed", after.Viewed ? 1 : 0), ("$contacted", after.Contacted ? 1 : 0), ("$ticketed", after.Ticketed ? 1 : 0), ("$helped", after.Helped ? 1 : 0),
                ("$undone", after.Undone ? 1 : 0), ("$articles", after.Articles.Count == 0 ? null : string.Join('\n', after.Articles)));

            if (after.Start is { } started)
            {
                var day = DayOf(started);
                var changes = after.ChangesFrom(before);
                foreach (var (metric, key, delta) in changes)
                {
                    await CountAsync(day, metric, key, string.Empty, cancellationToken, delta);
                }
            }
        }

        private Task CountAsync(long day, HelpInsightsMetric metric, string key1, string key2, CancellationToken cancellationToken, int delta = 1) => ExecuteAsync(
            "count",
            """
            INSERT INTO help_counts (day, metric, key1, key2, value) VALUES ($day, $metric, $key1, $key2, $delta)
            ON CONFLICT (day, metric, key1, key2) DO UPDATE SET value = value + excluded.value;
            INSERT INTO help_counts_weekly (week, metric, key1, key2, value) VALUES ($week, $metric, $key1, $key2, $delta)
            ON CONFLICT (week, metric, key1, key2) DO UPDATE SET value = value + excluded.value;
            INSERT INTO help_counts_monthly (month, metric, key1, key2, value) VALUES ($month, $metric, $key1, $key2, $delta)
            ON CONFLICT (month, metric, key1, key2) DO UPDATE SET value = value + excluded.value;
            """,
            cancellationToken,
            ("$day", day), ("$week", WeekOf(day)), ("$month", MonthOf(day)), ("$metric", (int)metric), ("$key1", key1), ("$key2", key2), ("$delta", delta));

        private async Task ExecuteAsync(string name, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
            await Prepare(name, sql, parameters).ExecuteNonQueryAsync(cancellationToken);

        private async Task<object?> ScalarAsync(string name, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
            await Prepare(name, sql, parameters).ExecuteScalarAsync(cancellationToken);

        private async Task<List<object?[]>> ReadAsync(string name, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        {
            var rows = new List<object?[]>();
            await using var reader = await Prepare(name, sql, parameters).ExecuteReaderAsync(cancellationToken);
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

        /// <summary>Gets the command named <paramref name="name"/>, prepared once per transaction, with these values.</summary>
        private SqliteCommand Prepare(string name, string sql, (string Name, object? Value)[] parameters)
        {
            if (!_commands.TryGetValue(name, out var command))
            {
                command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                foreach (var (parameter, _) in parameters)
                {
                    command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
                }

                command.Prepare();
                _commands[name] = command;
            }

            foreach (var (parameter, value) in parameters)
            {
                command.Parameters[parameter].Value = value ?? DBNull.Value;
            }

            return command;
        }
    }

    /// <summary>
    /// Reads what a report needs for <see cref="HelpInsightsReportBuilder"/>: whole days from the counters of months,
    /// weeks and days, the partial days' events and session summaries, the replaced votes, and the routes and comments of
    /// the rows shown.
    /// </summary>
    private sealed class ReportRows(SqliteConnection connection, IPersonalDataScrubber? scrubber) : IHelpInsightsRows
    {
        private static string Table(HelpInsightsGrain grain) => grain switch
        {
            HelpInsightsGrain.Month => "help_counts_monthly",
            HelpInsightsGrain.Week => "help_counts_weekly",
            _ => "help_counts",
        };

        private static string Unit(HelpInsightsGrain grain) => grain switch
        {
            HelpInsightsGrain.Month => "month",
            HelpInsightsGrain.Week => "week",
            _ => "day",
        };

        /// <summary>
        /// <c>SELECT <paramref name="result"/> FROM</c> the counter rows of <paramref name="blocks"/> that meet
        /// <paramref name="condition"/> (on the row <c>c</c>; key columns after the unit make it an index seek per unit),
        /// each giving <paramref name="columns"/>; parameters <c>$f{i}</c>, <c>$t{i}</c> per block.
        /// </summary>
        private static string BlocksSql(IReadOnlyList<(HelpInsightsGrain Grain, long From, long To)> blocks, string result, string columns, string condition)
        {
            var units = blocks.Select((b, i) => $"u{i} (u) AS (SELECT $f{i} UNION ALL SELECT u + 1 FROM u{i} WHERE u + 1 < $t{i})");
            var rows = blocks.Select((b, i) => $"SELECT {columns} FROM u{i} JOIN {Table(b.Grain)} c ON c.{Unit(b.Grain)} = u{i}.u AND {condition}");
            return $"WITH RECURSIVE {string.Join(", ", units)} SELECT {result} FROM ({string.Join(" UNION ALL ", rows)})";
        }

        private static void AddBlockParameters(SqliteCommand command, IReadOnlyList<(HelpInsightsGrain Grain, long From, long To)> blocks)
        {
            for (var i = 0; i < blocks.Count; i++)
            {
                command.Parameters.AddWithValue($"$f{i}", blocks[i].From);
                command.Parameters.AddWithValue($"$t{i}", blocks[i].To);
            }
        }

        public async Task ReadCountersAsync(long firstDay, long endDay, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken)
        {
            var blocks = HelpInsightsCounters.Split(firstDay, endDay);
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                {BlocksSql(blocks, "metric, key1, key2, SUM(value)", "c.metric, c.key1, c.key2, c.value", "c.metric IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 21, 22, 23)")} GROUP BY metric, key1, key2;
                WITH RECURSIVE days (day) AS (SELECT $first UNION ALL SELECT day + 1 FROM days WHERE day + 1 < $end)
                SELECT c.day, c.metric, c.value FROM days JOIN help_counts c ON c.day = days.day AND c.metric IN (6, 14);
                """;
            AddBlockParameters(command, blocks);
            command.Parameters.AddWithValue("$first", firstDay);
            command.Parameters.AddWithValue("$end", endDay);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                accumulator.AddCounter((HelpInsightsMetric)reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                accumulator.AddDayCounter(reader.GetInt64(0), (HelpInsightsMetric)reader.GetInt32(1), reader.GetInt32(2));
            }
        }

        public async Task ReadEventsAsync(long from, long to, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT e.kind, e.at, e.query, e.language, e.route, e.article_id, e.followed, e.failed, e.simulated, e.helpful, e.reason, e.source,
                    CASE WHEN e.kind = 7 THEN (SELECT v.article_id FROM help_events v INDEXED BY help_events_session
                        WHERE v.session_id = e.session_id AND v.kind = 5 AND v.article_id IS NOT NULL AND (v.at < e.at OR (v.at = e.at AND v.id < e.id))
                        ORDER BY v.at DESC, v.id DESC LIMIT 1) END
                FROM help_events e INDEXED BY help_events_at
                WHERE e.at >= $from AND e.at < $to;
                """;
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$to", to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                accumulator.AddEvent(new HelpInsightsEventRow
                {
                    Kind = (HelpEventKind)reader.GetInt32(0),
                    At = reader.GetInt64(1),
                    Query = Text(2),
                    Language = Text(3),
                    Route = Text(4),
                    ArticleId = Text(5),
                    FollowedByTicket = reader.GetInt32(6) == 1,
                    FailedDeflection = reader.GetInt32(7) == 1,
                    IsSimulated = reader.GetInt32(8) == 1,
                    Helpful = reader.IsDBNull(9) ? null : reader.GetInt32(9) == 1,
                    Reason = Text(10),
                    Source = (HelpArticleSource)reader.GetInt32(11),
                    ArticleReadBefore = Text(12),
                });
            }
        }

        public async Task ReadSessionsAsync(long from, long to, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT user_key, start, last, searched, viewed, contacted, ticketed, helped, undone, articles FROM help_sessions INDEXED BY help_sessions_start
                WHERE start >= $from AND start < $to;
                """;
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$to", to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                accumulator.AddSession(new HelpSessionSummary(
                    reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3) == 1, reader.GetInt32(4) == 1, reader.GetInt32(5) == 1,
                    reader.GetInt32(6) == 1, reader.GetInt32(7) == 1, reader.GetInt32(8) == 1, reader.IsDBNull(9) ? [] : reader.GetString(9).Split('\n')));
            }
        }

        public async Task ReadReplacedVotesAsync(long from, long to, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT article_id, helpful, reason, COUNT(*) FROM help_events INDEXED BY help_events_replaced_votes
                WHERE kind = 6 AND next_at IS NOT NULL AND next_at >= $from AND next_at < $to AND at >= $from AND article_id IS NOT NULL AND helpful IS NOT NULL
                GROUP BY article_id, helpful, reason;
                """;
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$to", to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                accumulator.SubtractReplacedVotes(reader.GetString(0), reader.GetInt32(1) == 1, reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3));
            }
        }

        public async Task ReadRouteCountersAsync(
            HelpInsightsMetric metric, IReadOnlyCollection<string> keys, long firstDay, long endDay, HelpInsightsAccumulator accumulator, CancellationToken cancellationToken)
        {
            var blocks = HelpInsightsCounters.Split(firstDay, endDay);
            await using var command = connection.CreateCommand();
            command.CommandText = BlocksSql(
                blocks,
                "key1, key2, SUM(value)",
                "c.key1, c.key2, c.value",
                "c.metric = $metric AND c.key1 IN (SELECT value FROM json_each($keys))") + " GROUP BY key1, key2;";
            AddBlockParameters(command, blocks);
            command.Parameters.AddWithValue("$metric", (int)metric);
            command.Parameters.AddWithValue("$keys", System.Text.Json.JsonSerializer.Serialize(keys));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                accumulator.AddCounter(metric, reader.GetString(0), reader.GetString(1), reader.GetInt32(2));
            }
        }

        /// <summary>
        /// The comments of "No" answers to these articles in the period, scrubbed, most recent first, from the feedback
        /// table of the same file (kept by the store's <c>IHelpStore</c>); none without a scrubber or the table.
        /// </summary>
        public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadCommentsAsync(IReadOnlyList<string> articleIds, HelpInsightsQuery query, CancellationToken cancellationToken)
        {
            var comments = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (scrubber is null)
            {
                return comments;
            }

            await using (var exists = connection.CreateCommand())
            {
                exists.CommandText = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feedback');";
                if (await exists.ExecuteScalarAsync(cancellationToken) is not 1L)
                {
                    return comments;
                }
            }

            // Times are kept as ISO 8601 text with an offset: the text of any offset lies within 14 hours of the UTC text,
            // so the index narrows the rows by text and the exact period is checked on the parsed time.
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT id, comment, created_at FROM feedback
                WHERE article_id = $article AND helpful = 0 AND comment IS NOT NULL AND created_at >= $from AND created_at < $to;
                """;
            command.Parameters.AddWithValue("$from", query.From.UtcDateTime.AddHours(-14).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$to", query.To.UtcDateTime.AddHours(15).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
            var article = command.Parameters.Add(new SqliteParameter { ParameterName = "$article" });
            foreach (var id in articleIds)
            {
                article.Value = id;
                var found = new List<(long Id, string Comment, DateTimeOffset At)>();
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        if (DateTimeOffset.TryParse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
                            && at >= query.From && at < query.To && !string.IsNullOrWhiteSpace(reader.GetString(1)))
                        {
                            found.Add((reader.GetInt64(0), reader.GetString(1), at));
                        }
                    }
                }

                comments[id] = [.. found.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(HelpArticleRating.MaxComments).Select(c => scrubber.Scrub(c.Comment))];
            }

            return comments;
        }
    }
}
