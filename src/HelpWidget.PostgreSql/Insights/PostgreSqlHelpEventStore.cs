using System.Data;
using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;
using static HelpWidget.HelpInsightsCounters;

namespace HelpWidget.PostgreSql.Insights;

/// <summary>
/// Keeps insight events in PostgreSQL and computes the figures of a period from counters per UTC day, week and month,
/// session summaries and the events of the partial days at the period's ends, as the SQLite store does. Several
/// instances may write at once: a batch takes transaction-scoped advisory locks on its users and sessions (hashed into
/// <see cref="LockBuckets"/> buckets, in order) before it reads what an event's meaning depends on, and adds to the
/// counters with <c>INSERT … ON CONFLICT DO UPDATE</c> in key order.
/// </summary>
internal sealed class PostgreSqlHelpEventStore(PostgreSqlDatabase database, IPersonalDataScrubber? scrubber = null) : IHelpEventStore
{
    /// <summary>How many advisory locks a batch may take at most: its users and sessions are hashed into this many.</summary>
    internal const int LockBuckets = 256;

    /// <summary>The first key of the advisory locks of users and sessions (the second is the bucket): "HW" and 0x10.</summary>
    private const int UserLockClass = 0x4857_0010;

    /// <summary>The first key of the lock writers share and retention takes alone (the second is 0).</summary>
    private const int RetentionLockClass = 0x4857_0011;

    /// <summary>How often a batch is tried when PostgreSQL picks it as a deadlock victim or a serialization failure.</summary>
    private const int Attempts = 3;

    /// <summary>The table in which the store keeps the answers to "Was this helpful?" (their comments fill the ratings).</summary>
    private const string FeedbackTable = "feedback";

    public string Name => "postgresql";

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

        string[] keys = [.. events.Select(e => "u" + e.UserKey).Concat(events.Select(e => "s" + e.SessionId)).Distinct(StringComparer.Ordinal)];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
                await using (var locks = connection.CreateCommand())
                {
                    locks.Transaction = transaction;
                    locks.CommandText = """
                        SELECT pg_advisory_xact_lock_shared(@retention, 0);
                        SELECT count(pg_advisory_xact_lock(@class, b)) FROM (SELECT DISTINCT abs(hashtext(k) % @buckets) AS b FROM unnest(@keys) AS k ORDER BY b) AS o;
                        """;
                    locks.Parameters.Add(new NpgsqlParameter<int>("retention", RetentionLockClass));
                    locks.Parameters.Add(new NpgsqlParameter<int>("class", UserLockClass));
                    locks.Parameters.Add(new NpgsqlParameter<int>("buckets", LockBuckets));
                    locks.Parameters.Add(new NpgsqlParameter<string[]>("keys", keys));
                    await locks.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var writer = new PostgreSqlEventWriter(connection, transaction))
                {
                    await writer.LoadAsync(events, cancellationToken);
                    foreach (var e in events)
                    {
                        await writer.WriteAsync(e, cancellationToken);
                    }

                    await writer.FlushAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                InsightsTelemetry.EventsAppended.Add(events.Count);
                return;
            }
            catch (PostgresException exception) when (attempt < Attempts && exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // The transaction was rolled back whole: trying the batch again writes it once.
            }
        }
    }

    /// <summary>Deletes whole UTC days: everything before the start of <paramref name="cutoff"/>'s day, so the day counters stay exact.</summary>
    public async Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var day = DayOf(cutoff.ToUnixTimeMilliseconds());
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;

        // Writers hold the lock shared: a week or month partly deleted is summed again from its remaining days while
        // no batch adds to them.
        void Add(string sql) => batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        Add("SELECT pg_advisory_xact_lock(@retention, 0);");
        Add("DELETE FROM help_counts WHERE grain = 0 AND unit < @day;");
        Add("DELETE FROM help_counts WHERE grain = 1 AND unit <= @week;");
        Add("""
            INSERT INTO help_counts (grain, unit, metric, key1, key2, value)
            SELECT 1, @week, metric, key1, key2, SUM(value) FROM help_counts WHERE grain = 0 AND unit >= @weekStart AND unit < @weekEnd GROUP BY metric, key1, key2;
            """);
        Add("DELETE FROM help_counts WHERE grain = 2 AND unit <= @month;");
        Add("""
            INSERT INTO help_counts (grain, unit, metric, key1, key2, value)
            SELECT 2, @month, metric, key1, key2, SUM(value) FROM help_counts WHERE grain = 0 AND unit >= @monthStart AND unit < @monthEnd GROUP BY metric, key1, key2;
            """);
        Add("DELETE FROM help_sessions WHERE last < @cutoff;");
        Add("DELETE FROM help_events WHERE at < @cutoff;");
        var (week, month) = (WeekOf(day), MonthOf(day));
        (string Name, long Value)[] values =
        [
            ("day", day), ("week", week), ("weekStart", FirstDayOfWeek(week)), ("weekEnd", FirstDayOfWeek(week + 1)),
            ("month", month), ("monthStart", FirstDayOfMonth(month)), ("monthEnd", FirstDayOfMonth(month + 1)),
        ];
        foreach (var command in batch.BatchCommands)
        {
            foreach (var (name, value) in values.Where(v => command.CommandText.Contains("@" + v.Name, StringComparison.Ordinal)))
            {
                // Units are integers in the table; the value is within range for any date a DateTimeOffset holds.
                command.Parameters.Add(new NpgsqlParameter<int>(name, (int)value));
            }

            if (command.CommandText.Contains("@cutoff", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter<long>("cutoff", day * MillisecondsPerDay));
            }

            if (command.CommandText.Contains("@retention", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter<int>("retention", RetentionLockClass));
            }
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        var deleted = batch.BatchCommands[^1].RecordsAffected;
        await transaction.CommitAsync(cancellationToken);
        InsightsTelemetry.EventsDeleted.Add(deleted);
        return deleted;
    }

    public async Task<byte[]> GetOrCreateUserKeySecretAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // ON CONFLICT DO NOTHING: instances starting together keep the key of whichever inserted first.
        command.CommandText = """
            INSERT INTO help_event_settings (name, value) VALUES ('user_key_secret', @value) ON CONFLICT (name) DO NOTHING;
            SELECT value FROM help_event_settings WHERE name = 'user_key_secret';
            """;
        command.Parameters.Add(new NpgsqlParameter<byte[]>("value", RandomNumberGenerator.GetBytes(32)));
        return (byte[])(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<HelpInsightsReport> GetReportAsync(HelpInsightsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        using var activity = InsightsTelemetry.Source.StartActivity("helpwidget.postgresql.insights_report");
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);

            // One snapshot for the counters, the partial days and the votes, while other instances write.
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var report = await HelpInsightsReportBuilder.BuildAsync(query, new PostgreSqlReportRows(connection, scrubber, FeedbackTable), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return report;
        }
        finally
        {
            InsightsTelemetry.ReportDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
