using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using HelpWidget.Sqlite;
using NpgsqlTypes;

namespace HelpWidget.PostgreSql;

/// <summary>
/// Keeps tickets, their attachments, their delivery queue (the outbox) and feedback in PostgreSQL, shared by every
/// instance of the app. Any instance may claim the head of a sink's queue; claims of one sink are serialised by a
/// transaction-scoped advisory lock and the head row is locked while it is leased, so exactly one instance holds a
/// delivery at a time and only the head of a queue is ever in flight. A lease records its holder, whose instance lock
/// (<see cref="PostgreSqlNotifications.InstanceId"/>) proves it alive: the lease of a stopped instance is taken over at
/// once rather than when it expires.
/// </summary>
internal sealed class PostgreSqlHelpStore : IHelpStore, ITicketOutbox, ITicketQueueView, IArticleSignalSource, IDisposable
{
    private const string TicketColumns =
        "t.id, t.reference, t.idempotency_key, t.subject, t.description, t.name, t.email, t.language, t.route, t.context_json, t.submitted_at, t.category, t.fields_json";

    /// <summary>Whether a lease's holder no longer holds its instance lock in this database: the lease is then as good as expired.</summary>
    private static readonly string HolderGone = $"""
        (d.lease_holder IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                AND l.classid::bigint = {PostgreSqlNotifications.InstanceLockSpace} AND l.objid::bigint = d.lease_holder
                AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())))
        """;

    private const int MaxErrorLength = 2000;

    /// <summary>How many references are drawn for one ticket before its submission fails; one is taken only by a broken generator.</summary>
    internal const int MaxReferenceAttempts = 8;

    /// <summary>The most searches learned per article; the most frequent are kept.</summary>
    private const int MaxHelpfulQueries = 20;

    /// <summary>The longest reference looked up; longer text is no reference.</summary>
    private const int MaxReferenceLength = 64;

    /// <summary>How long a claim waits for the instance's listener (and its instance lock) to connect.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private readonly PostgreSqlDatabase _database;
    private readonly PostgreSqlNotifications _notifications;
    private readonly string[] _sinkNames;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private EventHandler? _deliveriesQueued;
    private IDisposable? _subscription;
    private int _checkingLeases;

    public PostgreSqlHelpStore(
        PostgreSqlDatabase database,
        PostgreSqlNotifications notifications,
        IEnumerable<ITicketSink>? sinks = null,
        TimeProvider? timeProvider = null,
        ILogger<PostgreSqlHelpStore>? logger = null)
    {
        _database = database;
        _notifications = notifications;
        _sinkNames = sinks?.Select(sink => sink.Name).Distinct(StringComparer.Ordinal).ToArray() ?? [];
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// Occurs after deliveries were queued or released by this instance or, through <c>NOTIFY</c>, by any other; also
    /// when a lease holder stopped and after the listener reconnected. The first handler starts the listener.
    /// </summary>
    public event EventHandler? DeliveriesQueued
    {
        add
        {
            lock (_gate)
            {
                _deliveriesQueued += value;
                StartListening();
            }
        }

        remove
        {
            lock (_gate)
            {
                _deliveriesQueued -= value;
            }
        }
    }

    /// <summary>Gets the source of new ticket references; tests replace it to make references collide.</summary>
    internal Func<string> NewReference { get; init; } = TicketReference.Create;

    public async Task<TicketReceipt> SaveTicketAsync(TicketSubmission ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ticket.Validate();
        using var activity = PostgreSqlTelemetry.Source.StartActivity("helpwidget.postgresql.save_ticket");
        TicketReceipt receipt = null!;
        await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                receipt = await InsertTicketAsync(connection, ticket, cancellationToken)
                    ?? await ReadReceiptAsync(connection, ticket.IdempotencyKey, cancellationToken);
                await transaction.CommitAsync(cancellationToken);

                if (receipt.Created && _sinkNames.Length > 0)
                {
                    await NotifyQueuedAsync(connection, cancellationToken);
                }
            },
            cancellationToken);

        activity?.SetTag("helpwidget.ticket.created", receipt.Created);
        if (receipt.Created)
        {
            PostgreSqlTelemetry.TicketsSaved.Add(1);
            if (_sinkNames.Length > 0)
            {
                RaiseDeliveriesQueued();
            }
        }

        return receipt;
    }

    public async Task<StoredTicket?> GetTicketAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!IsLookupText(reference))
        {
            return null;
        }

        return await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                var tickets = await ReadTicketsAsync(connection, "WHERE t.reference = $1", [TicketReference.Normalize(reference)], cancellationToken);
                return tickets.Count == 0 ? null : tickets[0];
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<StoredTicket>> GetTicketsAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, 100);
        return await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                return await ReadTicketsAsync(connection, "ORDER BY t.id DESC LIMIT $1 OFFSET $2", [take, skip], cancellationToken);
            },
            cancellationToken);
    }

    public async Task<TicketOutboxClaim> ClaimNextAsync(string sinkName, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sinkName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        StartListening();
        var holder = await _notifications.GetInstanceIdAsync(ConnectTimeout, cancellationToken);
        return await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

                // Claims of one sink take turns (other sinks and other schemas go on): the head is read and leased as one step.
                await using (var turn = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, hashtext($2));", connection))
                {
                    turn.Parameters.AddWithValue(MigrationRunner.LockSpace);
                    turn.Parameters.AddWithValue($"claim:{_database.Schema}:{sinkName}");
                    await turn.ExecuteNonQueryAsync(cancellationToken);
                }

                var now = _time.GetUtcNow();
                long id = 0, ticketId = 0, dueAt = 0;
                int attempts = 0;
                var found = false;

                // The head row is locked too, so a completion racing this claim is waited for; the read is repeated once in
                // case that completion moved the head on.
                for (var read = 0; read < 2 && !found; read++)
                {
                    await using var head = new NpgsqlCommand(
                        $"""
                        SELECT d.id, d.ticket_id, d.attempts, d.next_attempt_at,
                            CASE WHEN d.lease_id IS NULL OR {HolderGone} THEN 0 ELSE COALESCE(d.lease_until, 0) END
                        FROM ticket_deliveries d WHERE d.sink = $1 AND d.state = 'pending'
                        ORDER BY d.ticket_id LIMIT 1 FOR UPDATE OF d;
                        """,
                        connection);
                    head.Parameters.AddWithValue(sinkName);
                    await using var reader = await head.ExecuteReaderAsync(cancellationToken);
                    if (await reader.ReadAsync(cancellationToken))
                    {
                        (id, ticketId, attempts, dueAt) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), Math.Max(reader.GetInt64(3), reader.GetInt64(4)));
                        found = true;
                    }
                }

                if (!found)
                {
                    return TicketOutboxClaim.Empty;
                }

                if (dueAt > now.ToUnixTimeMilliseconds())
                {
                    return new TicketOutboxClaim { NextDueAt = DateTimeOffset.FromUnixTimeMilliseconds(dueAt) };
                }

                var leaseId = Guid.NewGuid().ToString("N");
                var leaseUntil = now + leaseDuration;
                await using (var lease = new NpgsqlCommand(
                    "UPDATE ticket_deliveries SET attempts = attempts + 1, lease_id = $1, lease_until = $2, lease_holder = $3 WHERE id = $4;", connection))
                {
                    lease.Parameters.AddWithValue(leaseId);
                    lease.Parameters.AddWithValue(leaseUntil.ToUnixTimeMilliseconds());
                    lease.Parameters.AddWithValue(holder);
                    lease.Parameters.AddWithValue(id);
                    await lease.ExecuteNonQueryAsync(cancellationToken);
                }

                var tickets = await ReadTicketsAsync(connection, "WHERE t.id = $1", [ticketId], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new TicketOutboxClaim
                {
                    Delivery = new ClaimedTicketDelivery
                    {
                        SinkName = sinkName,
                        LeaseId = leaseId,
                        LeaseExpiresAt = leaseUntil,
                        Delivery = new TicketDelivery { Reference = tickets[0].Reference, Submission = tickets[0].Submission, Attempt = attempts + 1 },
                    },
                };
            },
            cancellationToken);
    }

    public async Task<bool> MarkDeliveredAsync(ClaimedTicketDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                // By ticket and sink rather than by lease: a delivery that arrived is delivered, even when its lease ran out meanwhile.
                await using var command = new NpgsqlCommand(
                    """
                    UPDATE ticket_deliveries SET state = 'delivered', completed_at = $1, lease_id = NULL, lease_until = NULL, lease_holder = NULL
                    WHERE sink = $2 AND state = 'pending' AND ticket_id = (SELECT id FROM tickets WHERE reference = $3);
                    """,
                    connection);
                command.Parameters.AddWithValue(_time.GetUtcNow().ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue(delivery.SinkName);
                command.Parameters.AddWithValue(delivery.Delivery.Reference);
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);
    }

    public async Task<bool> MarkFailedAsync(ClaimedTicketDelivery delivery, string failure, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(failure);
        int updated = 0;
        await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(
                    """
                    UPDATE ticket_deliveries SET
                        state = CASE WHEN $1::bigint IS NULL THEN 'dead' ELSE 'pending' END,
                        next_attempt_at = COALESCE($1::bigint, next_attempt_at),
                        completed_at = CASE WHEN $1::bigint IS NULL THEN $2 END,
                        last_error = $3, lease_id = NULL, lease_until = NULL, lease_holder = NULL
                    WHERE lease_id = $4 AND state = 'pending';
                    """,
                    connection))
                {
                    command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = retryAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value });
                    command.Parameters.AddWithValue(_time.GetUtcNow().ToUnixTimeMilliseconds());
                    command.Parameters.AddWithValue(Truncate(StoredText(failure), MaxErrorLength));
                    command.Parameters.AddWithValue(delivery.LeaseId);
                    updated = await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);

                // Another instance waiting out this lease learns when the head is due instead.
                if (updated == 1 && retryAt is not null)
                {
                    await NotifyQueuedAsync(connection, cancellationToken);
                }
            },
            cancellationToken);

        return updated == 1;
    }

    public async Task<bool> ReleaseAsync(ClaimedTicketDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        int released = 0;
        await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                // The claim counted an attempt that never reached the sink: it is taken back, so the next claim repeats its number.
                await using (var command = new NpgsqlCommand(
                    """
                    UPDATE ticket_deliveries SET attempts = GREATEST(attempts - 1, 0), next_attempt_at = $1, lease_id = NULL, lease_until = NULL, lease_holder = NULL
                    WHERE lease_id = $2 AND state = 'pending';
                    """,
                    connection))
                {
                    command.Parameters.AddWithValue(_time.GetUtcNow().ToUnixTimeMilliseconds());
                    command.Parameters.AddWithValue(delivery.LeaseId);
                    released = await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);

                if (released == 1)
                {
                    await NotifyQueuedAsync(connection, cancellationToken);
                }
            },
            cancellationToken);

        if (released == 0)
        {
            return false;
        }

        RaiseDeliveriesQueued();
        return true;
    }

    public async Task<IReadOnlyList<TicketQueueStatus>> GetQueuesAsync(CancellationToken cancellationToken = default)
    {
        var queues = new SortedDictionary<string, TicketQueueStatus>(StringComparer.Ordinal);
        foreach (var sink in _sinkNames)
        {
            queues[sink] = new TicketQueueStatus { SinkName = sink, Pending = 0, InFlight = 0, DeadLetters = 0 };
        }

        return await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                // Skips from one sink to the next along the index instead of reading every delivery ever made; then counts only
                // the pending and dead ones, along their partial indexes.
                await using var command = new NpgsqlCommand(
                    $"""
                    WITH RECURSIVE s (sink) AS (
                        SELECT MIN(sink) FROM ticket_deliveries
                        UNION ALL
                        SELECT (SELECT MIN(sink) FROM ticket_deliveries WHERE sink > s.sink) FROM s WHERE s.sink IS NOT NULL),
                    pending AS (
                        SELECT d.sink, COUNT(*) AS pending,
                            COUNT(*) FILTER (WHERE d.lease_id IS NOT NULL AND d.lease_until > $1 AND NOT {HolderGone}) AS in_flight,
                            MIN(d.ticket_id) AS head
                        FROM ticket_deliveries d WHERE d.state = 'pending' GROUP BY d.sink),
                    dead AS (SELECT sink, COUNT(*) AS dead FROM ticket_deliveries WHERE state = 'dead' GROUP BY sink)
                    SELECT s.sink, COALESCE(p.pending, 0), COALESCE(p.in_flight, 0), t.submitted_at, COALESCE(x.dead, 0)
                    FROM s LEFT JOIN pending p ON p.sink = s.sink LEFT JOIN dead x ON x.sink = s.sink LEFT JOIN tickets t ON t.id = p.head
                    WHERE s.sink IS NOT NULL;
                    """,
                    connection);
                command.Parameters.AddWithValue(_time.GetUtcNow().ToUnixTimeMilliseconds());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var sink = reader.GetString(0);
                    queues[sink] = new TicketQueueStatus
                    {
                        SinkName = sink,
                        Pending = (int)reader.GetInt64(1),
                        InFlight = (int)reader.GetInt64(2),
                        OldestPendingSubmittedAt = reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                        DeadLetters = (int)reader.GetInt64(4),
                    };
                }

                return (IReadOnlyList<TicketQueueStatus>)[.. queues.Values];
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<TicketDeadLetter>> GetDeadLettersAsync(int maxCount = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, 1000);
        return await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT t.reference, d.sink, d.attempts, d.last_error, d.completed_at
                    FROM ticket_deliveries d JOIN tickets t ON t.id = d.ticket_id
                    WHERE d.state = 'dead' ORDER BY d.ticket_id, d.sink LIMIT $1;
                    """,
                    connection);
                command.Parameters.AddWithValue(maxCount);
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
            },
            cancellationToken);
    }

    public async Task<int> RetryDeadLettersAsync(string? reference = null, string? sinkName = null, CancellationToken cancellationToken = default)
    {
        if ((reference is not null && !IsLookupText(reference)) || (sinkName is not null && !IsLookupText(sinkName)))
        {
            return 0;
        }

        int count = 0;
        await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(
                    """
                    UPDATE ticket_deliveries SET state = 'pending', attempts = 0, next_attempt_at = $1, completed_at = NULL
                    WHERE state = 'dead' AND ($2::text IS NULL OR sink = $2::text)
                        AND ($3::text IS NULL OR ticket_id = (SELECT id FROM tickets WHERE reference = $3::text));
                    """,
                    connection))
                {
                    command.Parameters.AddWithValue(_time.GetUtcNow().ToUnixTimeMilliseconds());
                    command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)sinkName ?? DBNull.Value });
                    command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = reference is null ? DBNull.Value : TicketReference.Normalize(reference) });
                    count = await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);

                if (count > 0)
                {
                    await NotifyQueuedAsync(connection, cancellationToken);
                }
            },
            cancellationToken);

        if (count > 0)
        {
            RaiseDeliveriesQueued();
        }

        return count;
    }

    public async Task SaveFeedbackAsync(ArticleFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        feedback.Validate();
        await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO feedback (feedback_id, article_id, language, helpful, reason, comment, route, query, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    ON CONFLICT (feedback_id) DO UPDATE SET
                        helpful = excluded.helpful, reason = excluded.reason, comment = excluded.comment, created_at = excluded.created_at;
                    """,
                    connection);
                command.Parameters.Add(Text(feedback.FeedbackId));
                command.Parameters.AddWithValue(feedback.ArticleId);
                command.Parameters.AddWithValue(feedback.Language);
                command.Parameters.AddWithValue(feedback.Helpful);
                command.Parameters.Add(Text(feedback.Reason));
                command.Parameters.Add(Text(feedback.Comment));
                command.Parameters.Add(Text(feedback.Route));
                command.Parameters.Add(Text(NormaliseQuery(feedback.Query)));
                command.Parameters.AddWithValue(feedback.CreatedAt.ToUniversalTime());
                await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, ArticleSignals>> GetArticleSignalsAsync(CancellationToken cancellationToken = default)
    {
        return await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                var votes = new Dictionary<string, (int Helpful, int Unhelpful)>(StringComparer.Ordinal);
                await using (var command = new NpgsqlCommand(
                    "SELECT article_id, COUNT(*) FILTER (WHERE helpful), COUNT(*) FILTER (WHERE NOT helpful) FROM feedback GROUP BY article_id;", connection))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        votes[reader.GetString(0)] = ((int)reader.GetInt64(1), (int)reader.GetInt64(2));
                    }
                }

                // A search counts for an article by its helpful answers less its unhelpful ones: a way of asking that leads
                // to an answer that does not help is not learned.
                var queries = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                await using (var command = new NpgsqlCommand(
                    """
                    SELECT article_id, query FROM feedback WHERE query IS NOT NULL
                    GROUP BY article_id, query HAVING COUNT(*) FILTER (WHERE helpful) > COUNT(*) FILTER (WHERE NOT helpful)
                    ORDER BY article_id, COUNT(*) FILTER (WHERE helpful) - COUNT(*) FILTER (WHERE NOT helpful) DESC, MAX(created_at) DESC;
                    """,
                    connection))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
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
            },
            cancellationToken);
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
        return await _database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM tickets;", connection);
                return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            },
            cancellationToken);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _subscription?.Dispose();
            _subscription = null;
            _notifications.Tick -= OnTick;
            _notifications.Reconnected -= RaiseDeliveriesQueued;
        }
    }

    /// <summary>Text a value of PostgreSQL's text type can hold: it has no place for U+0000.</summary>
    private static string StoredText(string text) => text.Contains('\0', StringComparison.Ordinal) ? text.Replace('\0', '\uFFFD') : text;

    private static string Truncate(string text, int maxLength) => text.Length > maxLength ? text[..maxLength] : text;

    /// <summary>Whether text may be a stored reference or sink name; other text (too long, control characters, broken Unicode) finds nothing.</summary>
    private static bool IsLookupText(string text) =>
        text.Length <= MaxReferenceLength && InputRules.CheckText(text, MaxReferenceLength, required: false) == InputProblem.None;

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private void StartListening()
    {
        lock (_gate)
        {
            if (_subscription is not null)
            {
                return;
            }

            _subscription = _notifications.Subscribe(PostgreSqlNotifications.DeliveriesChannel, OnDeliveriesNotification);
            _notifications.Reconnected += RaiseDeliveriesQueued;
            _notifications.Tick += OnTick;
        }
    }

    private void OnDeliveriesNotification(string payload)
    {
        var separator = payload.LastIndexOf('/');
        if (separator > 0 && payload.AsSpan(0, separator).SequenceEqual(_database.Schema)
            && payload[(separator + 1)..] != _notifications.InstanceId.ToString(CultureInfo.InvariantCulture))
        {
            RaiseDeliveriesQueued();
        }
    }

    /// <summary>
    /// Each tick of the listener, looks for a lease whose holder stopped (its instance lock is gone) and wakes the
    /// queue, so that a surviving instance takes the delivery over at once instead of when the lease expires.
    /// </summary>
    private void OnTick()
    {
        if (_sinkNames.Length == 0 || _deliveriesQueued is null || Interlocked.Exchange(ref _checkingLeases, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await using var connection = await _database.OpenConnectionAsync(CancellationToken.None);
                await using var command = new NpgsqlCommand(
                    $"SELECT EXISTS (SELECT 1 FROM ticket_deliveries d WHERE d.state = 'pending' AND d.lease_id IS NOT NULL AND d.lease_until > $1 AND {HolderGone});",
                    connection);
                command.Parameters.AddWithValue(_time.GetUtcNow().ToUnixTimeMilliseconds());
                if (await command.ExecuteScalarAsync(CancellationToken.None) is true)
                {
                    Log.LeaseHolderGone(_logger, _database.Schema);
                    RaiseDeliveriesQueued();
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                Log.LeaseCheckFailed(_logger, _database.Schema, ex.Message);
            }
            finally
            {
                Volatile.Write(ref _checkingLeases, 0);
            }
        });
    }

    private void RaiseDeliveriesQueued() => _deliveriesQueued?.Invoke(this, EventArgs.Empty);

    /// <summary>
    /// Tells every instance that deliveries of this schema are due, after the commit and in a statement of its own: a
    /// notification inside the transaction would make PostgreSQL serialise the commits of all notifying transactions
    /// (measured: about a fifth of the submissions per second). What is committed stays committed when the notice
    /// fails: it is logged, and the queue is still found by this instance's own wake-up and the others' next look.
    /// </summary>
    private async Task NotifyQueuedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2);", connection);
            notify.Parameters.AddWithValue(PostgreSqlNotifications.DeliveriesChannel);
            notify.Parameters.AddWithValue(PostgreSqlNotifications.Payload(_database.Schema, _notifications.InstanceId));
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or OperationCanceledException)
        {
            Log.NotifyFailed(_logger, _database.Schema, ex.Message);
        }
    }

    /// <summary>Inserts the ticket, its attachments and one delivery per sink; <see langword="null"/> when its key is already stored.</summary>
    private async Task<TicketReceipt?> InsertTicketAsync(NpgsqlConnection connection, TicketSubmission ticket, CancellationToken cancellationToken)
    {
        long id = 0;
        string reference = "";

        // The reference is unique: one already taken (a chance of n in 2^60 with n tickets stored) is drawn again.
        // ON CONFLICT without a target turns either conflict into no row; the key tells which it was.
        for (var attempt = 1; ; attempt++)
        {
            reference = NewReference();
            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO tickets (reference, idempotency_key, subject, description, name, email, language, route, context_json, submitted_at, submitted_utc, category, fields_json)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                ON CONFLICT DO NOTHING
                RETURNING id;
                """,
                connection))
            {
                insert.Parameters.AddWithValue(reference);
                insert.Parameters.AddWithValue(ticket.IdempotencyKey);
                insert.Parameters.AddWithValue(ticket.Subject);
                insert.Parameters.AddWithValue(ticket.Description);
                insert.Parameters.AddWithValue(ticket.Name);
                insert.Parameters.AddWithValue(ticket.Email);
                insert.Parameters.Add(Text(ticket.Language));
                insert.Parameters.Add(Text(ticket.Route));
                insert.Parameters.AddWithValue(JsonSerializer.Serialize(ticket.Context));
                insert.Parameters.AddWithValue(ticket.SubmittedAt.ToString("O", CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue(ticket.SubmittedAt.ToUniversalTime());
                insert.Parameters.Add(Text(ticket.Category));
                insert.Parameters.AddWithValue(JsonSerializer.Serialize(ticket.Fields));
                if (await insert.ExecuteScalarAsync(cancellationToken) is long inserted)
                {
                    id = inserted;
                    break;
                }
            }

            await using (var known = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM tickets WHERE idempotency_key = $1);", connection))
            {
                known.Parameters.AddWithValue(ticket.IdempotencyKey);
                if (await known.ExecuteScalarAsync(cancellationToken) is true)
                {
                    return null;
                }
            }

            if (attempt >= MaxReferenceAttempts)
            {
                throw new InvalidOperationException($"No free ticket reference was drawn in {MaxReferenceAttempts} attempts; the reference generator is broken.");
            }
        }

        if (ticket.Attachments.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection);
            for (var position = 0; position < ticket.Attachments.Count; position++)
            {
                var attachment = ticket.Attachments[position];
                var file = new NpgsqlBatchCommand("INSERT INTO ticket_attachments (ticket_id, position, file_name, content_type, content) VALUES ($1, $2, $3, $4, $5);");
                file.Parameters.AddWithValue(id);
                file.Parameters.AddWithValue(position);
                file.Parameters.AddWithValue(attachment.FileName);
                file.Parameters.AddWithValue(attachment.ContentType);
                file.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = attachment.Content });
                batch.BatchCommands.Add(file);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        if (_sinkNames.Length > 0)
        {
            await using var queue = new NpgsqlCommand("INSERT INTO ticket_deliveries (ticket_id, sink) SELECT $1, unnest($2::text[]);", connection);
            queue.Parameters.AddWithValue(id);
            queue.Parameters.AddWithValue(_sinkNames);
            await queue.ExecuteNonQueryAsync(cancellationToken);
        }

        return new TicketReceipt { Reference = reference, SubmittedAt = ticket.SubmittedAt, Created = true };
    }

    private static async Task<TicketReceipt> ReadReceiptAsync(NpgsqlConnection connection, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT reference, submitted_at FROM tickets WHERE idempotency_key = $1;", connection);
        select.Parameters.AddWithValue(idempotencyKey);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TicketReceipt
        {
            Reference = reader.GetString(0),
            SubmittedAt = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
            Created = false,
        };
    }

    private static async Task<List<StoredTicket>> ReadTicketsAsync(NpgsqlConnection connection, string filter, object[] parameters, CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, StoredTicket Ticket)>();
        await using (var command = new NpgsqlCommand($"SELECT {TicketColumns} FROM tickets t {filter};", connection))
        {
            foreach (var parameter in parameters)
            {
                command.Parameters.AddWithValue(parameter);
            }

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

        if (rows.Count == 0)
        {
            return [];
        }

        var attachments = new Dictionary<long, List<TicketAttachment>>();
        await using (var command = new NpgsqlCommand(
            "SELECT ticket_id, file_name, content_type, content FROM ticket_attachments WHERE ticket_id = ANY($1) ORDER BY ticket_id, position;", connection))
        {
            command.Parameters.AddWithValue(rows.Select(row => row.Id).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var list = CollectionsMarshal.GetValueRefOrAddDefault(attachments, reader.GetInt64(0), out _) ??= [];
                list.Add(new TicketAttachment { FileName = reader.GetString(1), ContentType = reader.GetString(2), Content = reader.GetFieldValue<byte[]>(3) });
            }
        }

        return [.. rows.Select(row => attachments.TryGetValue(row.Id, out var files)
            ? new StoredTicket { Reference = row.Ticket.Reference, Submission = WithAttachments(row.Ticket.Submission, files) }
            : row.Ticket)];
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
}
