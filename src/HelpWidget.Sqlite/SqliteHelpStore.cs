using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.Sqlite;

/// <summary>
/// Keeps tickets, their attachments, their delivery queue (the outbox) and feedback in one SQLite file, in WAL mode
/// so readers never wait for writers.
/// </summary>
internal sealed class SqliteHelpStore : IHelpStore, ITicketOutbox, ITicketQueueView, IArticleSignalSource, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS tickets (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            reference TEXT UNIQUE,
            idempotency_key TEXT NOT NULL UNIQUE,
            subject TEXT NOT NULL,
            description TEXT NOT NULL,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            language TEXT,
            route TEXT,
            context_json TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            category TEXT,
            fields_json TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE IF NOT EXISTS ticket_attachments (
            ticket_id INTEGER NOT NULL REFERENCES tickets (id),
            position INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (ticket_id, position)
        );
        CREATE TABLE IF NOT EXISTS ticket_deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ticket_id INTEGER NOT NULL REFERENCES tickets (id),
            sink TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL DEFAULT 0,
            lease_id TEXT,
            lease_until INTEGER,
            last_error TEXT,
            completed_at INTEGER,
            UNIQUE (ticket_id, sink)
        );
        CREATE INDEX IF NOT EXISTS ticket_deliveries_queue ON ticket_deliveries (sink, ticket_id) WHERE state = 'pending';
        CREATE INDEX IF NOT EXISTS ticket_deliveries_dead ON ticket_deliveries (ticket_id) WHERE state = 'dead';
        CREATE TABLE IF NOT EXISTS feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            feedback_id TEXT,
            article_id TEXT NOT NULL,
            language TEXT NOT NULL,
            helpful INTEGER NOT NULL,
            reason TEXT,
            comment TEXT,
            route TEXT,
            query TEXT,
            created_at TEXT NOT NULL
        );
        """;

    /// <summary>Brings a database made by an earlier version up to date; each step is safe to run again.</summary>
    private const string Migrations = """
        CREATE UNIQUE INDEX IF NOT EXISTS feedback_feedback_id ON feedback (feedback_id);
        CREATE INDEX IF NOT EXISTS feedback_comments ON feedback (article_id, created_at) WHERE helpful = 0 AND comment IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ticket_deliveries_sink ON ticket_deliveries (sink);
        """;

    /// <summary>Columns added after the first release, as (table, column, definition).</summary>
    private static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("feedback", "feedback_id", "TEXT"),
        ("feedback", "query", "TEXT"),
        ("tickets", "category", "TEXT"),
        ("tickets", "fields_json", "TEXT NOT NULL DEFAULT '{}'"),
    ];

    private const string TicketColumns =
        "t.id, t.reference, t.idempotency_key, t.subject, t.description, t.name, t.email, t.language, t.route, t.context_json, t.submitted_at, t.category, t.fields_json";

    private const int MaxErrorLength = 2000;

    /// <summary>How many references are drawn for one ticket before its submission fails; one is taken only by a broken generator.</summary>
    internal const int MaxReferenceAttempts = 8;

    /// <summary>SQLITE_CONSTRAINT_UNIQUE, the extended result code of a unique constraint that failed.</summary>
    private const int SqliteConstraintUnique = 2067;

    /// <summary>The most searches learned per article; the most frequent are kept.</summary>
    private const int MaxHelpfulQueries = 20;

    private readonly SqliteDatabase _database;
    private readonly string[] _sinkNames;
    private readonly TimeProvider _time;

    // Writers of this process queue here, asynchronously, instead of in SQLite's busy handler, which sleeps and polls;
    // writers of other processes still meet at the file lock and its busy timeout.
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteHelpStore(
        IOptions<SqliteStoreOptions> options,
        IHostEnvironment? environment = null,
        IEnumerable<ITicketSink>? sinks = null,
        TimeProvider? timeProvider = null)
    {
        _database = new SqliteDatabase(options.Value, environment, EnsureSchemaAsync);
        _sinkNames = sinks?.Select(sink => sink.Name).Distinct(StringComparer.Ordinal).ToArray() ?? [];
        _time = timeProvider ?? TimeProvider.System;
    }

    public event EventHandler? DeliveriesQueued;

    /// <summary>Gets the source of new ticket references; tests replace it to make references collide.</summary>
    internal Func<string> NewReference { get; init; } = TicketReference.Create;

    public async Task<TicketReceipt> SaveTicketAsync(TicketSubmission ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ticket.Validate();
        using var activity = SqliteTelemetry.Source.StartActivity("helpwidget.sqlite.save_ticket");
        TicketReceipt receipt;
        using (await LockWritesAsync(cancellationToken))
        await using (var connection = await OpenAsync(cancellationToken))
        {
            // BEGIN IMMEDIATE: the write lock is taken up front, so two submissions of one key cannot interleave.
            await using var transaction = connection.BeginTransaction(deferred: false);
            receipt = await InsertTicketAsync(connection, transaction, ticket, cancellationToken)
                ?? await ReadReceiptAsync(connection, transaction, ticket.IdempotencyKey, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        activity?.SetTag("helpwidget.ticket.created", receipt.Created);
        if (receipt.Created)
        {
            SqliteTelemetry.TicketsSaved.Add(1);
        }

        if (receipt.Created && _sinkNames.Length > 0)
        {
            DeliveriesQueued?.Invoke(this, EventArgs.Empty);
        }

        return receipt;
    }

    public async Task<StoredTicket?> GetTicketAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        await using var connection = await OpenAsync(cancellationToken);
        var tickets = await ReadTicketsAsync(connection, null, "WHERE t.reference = $reference", command => command.Parameters.AddWithValue("$reference", TicketReference.Normalize(reference)), cancellationToken);
        return tickets.Count == 0 ? null : tickets[0];
    }

    public async Task<IReadOnlyList<StoredTicket>> GetTicketsAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, 100);
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadTicketsAsync(
            connection,
            null,
            "WHERE t.reference IS NOT NULL ORDER BY t.id DESC LIMIT $take OFFSET $skip",
            command =>
            {
                command.Parameters.AddWithValue("$take", take);
                command.Parameters.AddWithValue("$skip", skip);
            },
            cancellationToken);
    }

    public async Task<TicketOutboxClaim> ClaimNextAsync(string sinkName, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sinkName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        using var writing = await LockWritesAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE: reading the head and leasing it is one step, so two claimers never get the same delivery.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var now = _time.GetUtcNow();

        long id, ticketId, attempts, dueAt;
        await using (var head = connection.CreateCommand())
        {
            head.Transaction = transaction;
            head.CommandText = """
                SELECT id, ticket_id, attempts, MAX(next_attempt_at, COALESCE(lease_until, 0))
                FROM ticket_deliveries WHERE sink = $sink AND state = 'pending' ORDER BY ticket_id LIMIT 1;
                """;
            head.Parameters.AddWithValue("$sink", sinkName);
            await using var reader = await head.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return TicketOutboxClaim.Empty;
            }

            (id, ticketId, attempts, dueAt) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        if (dueAt > now.ToUnixTimeMilliseconds())
        {
            return new TicketOutboxClaim { NextDueAt = DateTimeOffset.FromUnixTimeMilliseconds(dueAt) };
        }

        var leaseId = Guid.NewGuid().ToString("N");
        var leaseUntil = now + leaseDuration;
        await using (var lease = connection.CreateCommand())
        {
            lease.Transaction = transaction;
            lease.CommandText = "UPDATE ticket_deliveries SET attempts = attempts + 1, lease_id = $lease, lease_until = $until WHERE id = $id;";
            lease.Parameters.AddWithValue("$lease", leaseId);
            lease.Parameters.AddWithValue("$until", leaseUntil.ToUnixTimeMilliseconds());
            lease.Parameters.AddWithValue("$id", id);
            await lease.ExecuteNonQueryAsync(cancellationToken);
        }

        var tickets = await ReadTicketsAsync(connection, transaction, "WHERE t.id = $id", command => command.Parameters.AddWithValue("$id", ticketId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TicketOutboxClaim
        {
            Delivery = new ClaimedTicketDelivery
            {
                SinkName = sinkName,
                LeaseId = leaseId,
                LeaseExpiresAt = leaseUntil,
                Delivery = new TicketDelivery { Reference = tickets[0].Reference, Submission = tickets[0].Submission, Attempt = (int)attempts + 1 },
            },
        };
    }

    public async Task<bool> MarkDeliveredAsync(ClaimedTicketDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var writing = await LockWritesAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // By ticket and sink rather than by lease: a delivery that arrived is delivered, even when its lease ran out meanwhile.
        command.CommandText = """
            UPDATE ticket_deliveries SET state = 'delivered', completed_at = $now, lease_id = NULL, lease_until = NULL
            WHERE sink = $sink AND state = 'pending' AND ticket_id = (SELECT id FROM tickets WHERE reference = $reference);
            """;
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$sink", delivery.SinkName);
        command.Parameters.AddWithValue("$reference", delivery.Delivery.Reference);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> MarkFailedAsync(ClaimedTicketDelivery delivery, string failure, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(failure);
        using var writing = await LockWritesAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE ticket_deliveries SET
                state = CASE WHEN $retry IS NULL THEN 'dead' ELSE 'pending' END,
                next_attempt_at = COALESCE($retry, next_attempt_at),
                completed_at = CASE WHEN $retry IS NULL THEN $now END,
                last_error = $error, lease_id = NULL, lease_until = NULL
            WHERE lease_id = $lease AND state = 'pending';
            """;
        command.Parameters.AddWithValue("$retry", retryAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$error", failure.Length > MaxErrorLength ? failure[..MaxErrorLength] : failure);
        command.Parameters.AddWithValue("$lease", delivery.LeaseId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> ReleaseAsync(ClaimedTicketDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        int released;
        using (await LockWritesAsync(cancellationToken))
        await using (var connection = await OpenAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            // The claim counted an attempt that never reached the sink: it is taken back, so the next claim repeats its number.
            command.CommandText = """
                UPDATE ticket_deliveries SET attempts = MAX(attempts - 1, 0), next_attempt_at = $now, lease_id = NULL, lease_until = NULL
                WHERE lease_id = $lease AND state = 'pending';
                """;
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$lease", delivery.LeaseId);
            released = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (released == 0)
        {
            return false;
        }

        DeliveriesQueued?.Invoke(this, EventArgs.Empty);
        return true;
    }

    public async Task<IReadOnlyList<TicketQueueStatus>> GetQueuesAsync(CancellationToken cancellationToken = default)
    {
        var queues = new SortedDictionary<string, (int Pending, int InFlight, long? Head, int Dead)>(StringComparer.Ordinal);
        foreach (var sink in _sinkNames)
        {
            queues[sink] = default;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using (var sinks = connection.CreateCommand())
        {
            // Skips from one sink to the next along the index instead of reading every delivery ever made.
            sinks.CommandText = """
                WITH RECURSIVE s (sink) AS (
                    SELECT MIN(sink) FROM ticket_deliveries
                    UNION ALL
                    SELECT (SELECT MIN(sink) FROM ticket_deliveries WHERE sink > s.sink) FROM s WHERE s.sink IS NOT NULL)
                SELECT sink FROM s WHERE sink IS NOT NULL;
                """;
            await using var reader = await sinks.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                queues.TryAdd(reader.GetString(0), default);
            }
        }

        await using (var pending = connection.CreateCommand())
        {
            pending.CommandText = """
                SELECT sink, COUNT(*), COALESCE(SUM(lease_id IS NOT NULL AND lease_until > $now), 0), MIN(ticket_id)
                FROM ticket_deliveries WHERE state = 'pending' GROUP BY sink;
                """;
            pending.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            await using var reader = await pending.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                queues[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3), 0);
            }
        }

        await using (var dead = connection.CreateCommand())
        {
            dead.CommandText = "SELECT sink, COUNT(*) FROM ticket_deliveries WHERE state = 'dead' GROUP BY sink;";
            await using var reader = await dead.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var sink = reader.GetString(0);
                queues[sink] = queues.GetValueOrDefault(sink) with { Dead = reader.GetInt32(1) };
            }
        }

        var statuses = new List<TicketQueueStatus>(queues.Count);
        foreach (var (sink, queue) in queues)
        {
            DateTimeOffset? oldest = null;
            if (queue.Head is { } head)
            {
                // The queue is in submission order, so its head is its oldest ticket.
                await using var submitted = connection.CreateCommand();
                submitted.CommandText = "SELECT submitted_at FROM tickets WHERE id = $id;";
                submitted.Parameters.AddWithValue("$id", head);
                oldest = DateTimeOffset.Parse((string)(await submitted.ExecuteScalarAsync(cancellationToken))!, CultureInfo.InvariantCulture);
            }

            statuses.Add(new TicketQueueStatus
            {
                SinkName = sink,
                Pending = queue.Pending,
                InFlight = queue.InFlight,
                OldestPendingSubmittedAt = oldest,
                DeadLetters = queue.Dead,
            });
        }

        return statuses;
    }

    public async Task<IReadOnlyList<TicketDeadLetter>> GetDeadLettersAsync(int maxCount = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, 1000);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.reference, d.sink, d.attempts, d.last_error, d.completed_at
            FROM ticket_deliveries d JOIN tickets t ON t.id = d.ticket_id
            WHERE d.state = 'dead' ORDER BY d.ticket_id, d.sink LIMIT $max;
            """;
        command.Parameters.AddWithValue("$max", maxCount);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<TicketDeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new TicketDeadLetter
            {
                Reference = reader.GetString(0),
                SinkName = reader.GetString(1),
                Attempts = reader.GetInt32(2),
                LastError = reader.IsDBNull(3) ? null : reader.GetString(3),
                FailedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            });
        }

        return letters;
    }

    public async Task<int> RetryDeadLettersAsync(string? reference = null, string? sinkName = null, CancellationToken cancellationToken = default)
    {
        int count;
        using (await LockWritesAsync(cancellationToken))
        await using (var connection = await OpenAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE ticket_deliveries SET state = 'pending', attempts = 0, next_attempt_at = $now, completed_at = NULL
                WHERE state = 'dead' AND ($sink IS NULL OR sink = $sink)
                    AND ($reference IS NULL OR ticket_id = (SELECT id FROM tickets WHERE reference = $reference));
                """;
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$sink", (object?)sinkName ?? DBNull.Value);
            command.Parameters.AddWithValue("$reference", reference is null ? DBNull.Value : TicketReference.Normalize(reference));
            count = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (count > 0)
        {
            DeliveriesQueued?.Invoke(this, EventArgs.Empty);
        }

        return count;
    }

    public async Task SaveFeedbackAsync(ArticleFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        feedback.Validate();
        using var writing = await LockWritesAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback (feedback_id, article_id, language, helpful, reason, comment, route, query, created_at)
            VALUES ($id, $article, $language, $helpful, $reason, $comment, $route, $query, $created)
            ON CONFLICT (feedback_id) DO UPDATE SET
                helpful = excluded.helpful, reason = excluded.reason, comment = excluded.comment, created_at = excluded.created_at;
            """;
        command.Parameters.AddWithValue("$id", (object?)feedback.FeedbackId ?? DBNull.Value);
        command.Parameters.AddWithValue("$article", feedback.ArticleId);
        command.Parameters.AddWithValue("$language", feedback.Language);
        command.Parameters.AddWithValue("$helpful", feedback.Helpful ? 1 : 0);
        command.Parameters.AddWithValue("$reason", (object?)feedback.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$comment", (object?)feedback.Comment ?? DBNull.Value);
        command.Parameters.AddWithValue("$route", (object?)feedback.Route ?? DBNull.Value);
        command.Parameters.AddWithValue("$query", NormaliseQuery(feedback.Query) is { Length: > 0 } query ? query : DBNull.Value);
        command.Parameters.AddWithValue("$created", feedback.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, ArticleSignals>> GetArticleSignalsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var votes = new Dictionary<string, (int Helpful, int Unhelpful)>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT article_id, SUM(helpful), COUNT(*) - SUM(helpful) FROM feedback GROUP BY article_id;";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                votes[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt32(2));
            }
        }

        // A search counts for an article by its helpful answers less its unhelpful ones: a way of asking that leads
        // to an answer that does not help is not learned.
        var queries = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT article_id, query FROM feedback WHERE query IS NOT NULL
                GROUP BY article_id, query HAVING SUM(helpful) > COUNT(*) - SUM(helpful)
                ORDER BY article_id, 2 * SUM(helpful) - COUNT(*) DESC, MAX(created_at) DESC;
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var list = CollectionsMarshal.GetValueRefOrAddDefault(queries, reader.GetString(0), out _) ??= [];
                if (list.Count < MaxHelpfulQueries)
                {
                    list.Add(reader.GetString(1));
                }
            }
        }

        return votes.ToDictionary(
            entry => entry.Key,
            entry => new ArticleSignals
            {
                HelpfulVotes = entry.Value.Helpful,
                UnhelpfulVotes = entry.Value.Unhelpful,
                HelpfulQueries = queries.GetValueOrDefault(entry.Key) ?? [],
            },
            StringComparer.Ordinal);
    }

    /// <summary>Lower case, whitespace runs as one space, no surrounding spaces: one way of asking counts once however it was typed.</summary>
    internal static string? NormaliseQuery(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var words = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var normalised = string.Join(' ', words).ToLowerInvariant();
        return normalised.Length > ArticleFeedback.MaxQueryLength ? normalised[..ArticleFeedback.MaxQueryLength].TrimEnd() : normalised;
    }

    /// <summary>Counts the stored tickets; for tests and diagnostics.</summary>
    internal async Task<long> CountTicketsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM tickets;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public void Dispose()
    {
        _database.Dispose();
        _writeLock.Dispose();
    }

    private static async Task MigrateAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var (table, column, definition) in AddedColumns)
        {
            await using var columns = connection.CreateCommand();
            columns.Transaction = transaction;
            columns.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}';";
            if ((long)(await columns.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                await using var add = connection.CreateCommand();
                add.Transaction = transaction;
                add.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition};";
                await add.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using var migrations = connection.CreateCommand();
        migrations.Transaction = transaction;
        migrations.CommandText = Migrations;
        await migrations.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Gives the ticket a new reference (<see cref="TicketReference"/>). The column is unique: a reference already taken,
    /// a chance of n in 2^60 with n tickets stored, is drawn again, at most <see cref="MaxReferenceAttempts"/> times.
    /// </summary>
    private async Task<string> AssignReferenceAsync(SqliteConnection connection, SqliteTransaction transaction, long id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reference = NewReference();
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE tickets SET reference = $reference WHERE id = $id;";
            update.Parameters.AddWithValue("$reference", reference);
            update.Parameters.AddWithValue("$id", id);
            try
            {
                await update.ExecuteNonQueryAsync(cancellationToken);
                return reference;
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteConstraintUnique && attempt < MaxReferenceAttempts)
            {
                // Taken: the failed statement is undone, the transaction goes on; draw another.
            }
        }
    }

    /// <summary>Inserts the ticket, its attachments and one delivery per sink; <see langword="null"/> when its key is already stored.</summary>
    private async Task<TicketReceipt?> InsertTicketAsync(SqliteConnection connection, SqliteTransaction transaction, TicketSubmission ticket, CancellationToken cancellationToken)
    {
        long id;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO tickets (idempotency_key, subject, description, name, email, language, route, context_json, submitted_at, category, fields_json)
                VALUES ($key, $subject, $description, $name, $email, $language, $route, $context, $submitted, $category, $fields)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id;
                """;
            insert.Parameters.AddWithValue("$key", ticket.IdempotencyKey);
            insert.Parameters.AddWithValue("$subject", ticket.Subject);
            insert.Parameters.AddWithValue("$description", ticket.Description);
            insert.Parameters.AddWithValue("$name", ticket.Name);
            insert.Parameters.AddWithValue("$email", ticket.Email);
            insert.Parameters.AddWithValue("$language", (object?)ticket.Language ?? DBNull.Value);
            insert.Parameters.AddWithValue("$route", (object?)ticket.Route ?? DBNull.Value);
            insert.Parameters.AddWithValue("$context", JsonSerializer.Serialize(ticket.Context));
            insert.Parameters.AddWithValue("$submitted", ticket.SubmittedAt.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$category", (object?)ticket.Category ?? DBNull.Value);
            insert.Parameters.AddWithValue("$fields", JsonSerializer.Serialize(ticket.Fields));
            if (await insert.ExecuteScalarAsync(cancellationToken) is not long inserted)
            {
                return null;
            }

            id = inserted;
        }

        var reference = await AssignReferenceAsync(connection, transaction, id, cancellationToken);

        for (var position = 0; position < ticket.Attachments.Count; position++)
        {
            var attachment = ticket.Attachments[position];
            await using var file = connection.CreateCommand();
            file.Transaction = transaction;
            file.CommandText = """
                INSERT INTO ticket_attachments (ticket_id, position, file_name, content_type, content)
                VALUES ($id, $position, $name, $type, $content);
                """;
            file.Parameters.AddWithValue("$id", id);
            file.Parameters.AddWithValue("$position", position);
            file.Parameters.AddWithValue("$name", attachment.FileName);
            file.Parameters.AddWithValue("$type", attachment.ContentType);
            file.Parameters.Add("$content", SqliteType.Blob).Value = attachment.Content.ToArray();
            await file.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var sink in _sinkNames)
        {
            await using var queue = connection.CreateCommand();
            queue.Transaction = transaction;
            queue.CommandText = "INSERT INTO ticket_deliveries (ticket_id, sink) VALUES ($id, $sink);";
            queue.Parameters.AddWithValue("$id", id);
            queue.Parameters.AddWithValue("$sink", sink);
            await queue.ExecuteNonQueryAsync(cancellationToken);
        }

        return new TicketReceipt { Reference = reference, SubmittedAt = ticket.SubmittedAt, Created = true };
    }

    private static async Task<TicketReceipt> ReadReceiptAsync(SqliteConnection connection, SqliteTransaction transaction, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT reference, submitted_at FROM tickets WHERE idempotency_key = $key;";
        select.Parameters.AddWithValue("$key", idempotencyKey);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TicketReceipt
        {
            Reference = reader.GetString(0),
            SubmittedAt = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
            Created = false,
        };
    }

    private static async Task<List<StoredTicket>> ReadTicketsAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string filter,
        Action<SqliteCommand> bind,
        CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, StoredTicket Ticket)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT {TicketColumns} FROM tickets t {filter};";
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), new StoredTicket
                {
                    Reference = reader.GetString(1),
                    Submission = new TicketSubmission
                    {
                        IdempotencyKey = reader.GetString(2),
                        Subject = reader.GetString(3),
                        Description = reader.GetString(4),
                        Name = reader.GetString(5),
                        Email = reader.GetString(6),
                        Language = reader.IsDBNull(7) ? null : reader.GetString(7),
                        Route = reader.IsDBNull(8) ? null : reader.GetString(8),
                        Context = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(9)) ?? [],
                        SubmittedAt = DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture),
                        Category = reader.IsDBNull(11) ? null : reader.GetString(11),
                        Fields = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(12)) ?? [],
                    },
                }));
            }
        }

        var tickets = new List<StoredTicket>(rows.Count);
        foreach (var (id, ticket) in rows)
        {
            var attachments = await ReadAttachmentsAsync(connection, transaction, id, cancellationToken);
            tickets.Add(attachments.Count == 0 ? ticket : new StoredTicket { Reference = ticket.Reference, Submission = WithAttachments(ticket.Submission, attachments) });
        }

        return tickets;
    }

    private static async Task<List<TicketAttachment>> ReadAttachmentsAsync(SqliteConnection connection, SqliteTransaction? transaction, long ticketId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT file_name, content_type, content FROM ticket_attachments WHERE ticket_id = $id ORDER BY position;";
        command.Parameters.AddWithValue("$id", ticketId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var attachments = new List<TicketAttachment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            attachments.Add(new TicketAttachment { FileName = reader.GetString(0), ContentType = reader.GetString(1), Content = reader.GetFieldValue<byte[]>(2) });
        }

        return attachments;
    }

    private static TicketSubmission WithAttachments(TicketSubmission submission, List<TicketAttachment> attachments) => new()
    {
        IdempotencyKey = submission.IdempotencyKey,
        Subject = submission.Subject,
        Description = submission.Description,
        Name = submission.Name,
        Email = submission.Email,
        Category = submission.Category,
        Fields = submission.Fields,
        Attachments = attachments,
        Language = submission.Language,
        Route = submission.Route,
        Context = submission.Context,
        SubmittedAt = submission.SubmittedAt,
    };

    private async Task<WriteLock> LockWritesAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        return new WriteLock(_writeLock);
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenAsync(cancellationToken);

    private static async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        // One immediate transaction, so processes opening the same new file do not race to add the same column.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await MigrateAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed class WriteLock(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
