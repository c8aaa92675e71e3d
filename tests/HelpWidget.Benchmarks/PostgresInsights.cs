using System.Diagnostics;
using System.Globalization;
using HelpWidget.PostgreSql;
using HelpWidget.PostgreSql.Insights;
using HelpWidget.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HelpWidget.Benchmarks;

/// <summary>
/// The insights dashboard over the same generated events (default 1,000,000) in PostgreSQL and in SQLite, in one run:
/// time to write them, storage per event, and the time the dashboard waits for each of its periods (the period's report
/// and the previous period's, asked for together). The PostgreSQL store gets a schema of its own, dropped at the end.
/// </summary>
internal static class PostgresInsights
{
    private const int Writers = 4;

    /// <summary>Events per write: the engine's default batch (HelpInsightsOptions.BatchSize).</summary>
    private const int BatchSize = 500;

    public static async Task<int> RunAsync(TextWriter output, string connectionString, int count, int runs)
    {
        var schema = "hw_bench_insights_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("hw-insights-");
        var database = new PostgreSqlDatabase(Options.Create(new PostgreSqlStoreOptions { ConnectionString = connectionString, Schema = schema }));
        try
        {
            var postgres = new PostgreSqlHelpEventStore(database);
            var sqlitePath = Path.Combine(folder.FullName, "insights.db");
            using var sqlite = new SqliteHelpEventStore(Options.Create(new SqliteStoreOptions { ConnectionString = $"Data Source={sqlitePath}" }));
            output.WriteLine(Invariant($"processors: {Environment.ProcessorCount}; load average before: {File.ReadAllText("/proc/loadavg").Trim()}"));
            await using (var version = database.DataSource.CreateCommand("SELECT version();"))
            {
                output.WriteLine(await version.ExecuteScalarAsync());
            }

            var stores = new (string Name, IHelpEventStore Store)[] { ("PostgreSQL", postgres), ("SQLite", sqlite) };
            // PostgreSQL is written by four writers at once, as four instances would (each user's events on one of them,
            // in order); SQLite by its one writer.
            foreach (var (name, store) in stores)
            {
                var writers = name == "PostgreSQL" ? Writers : 1;
                var write = Stopwatch.StartNew();
                var streams = InsightsReport.Generate(new Random(42), count)
                    .GroupBy(e => writers == 1 ? 0 : (int)((uint)StringComparer.Ordinal.GetHashCode(e.UserKey) % writers))
                    .Select(async stream =>
                    {
                        foreach (var batch in stream.Chunk(BatchSize))
                        {
                            await store.WriteAsync(batch);
                        }
                    });
                await Task.WhenAll(streams);
                write.Stop();
                output.WriteLine(Invariant($"{name}: {count:N0} events written in {write.Elapsed.TotalSeconds:F1} s ({count / write.Elapsed.TotalSeconds:N0} events/s, {writers} writer(s) at once, batches of {BatchSize:N0})"));
            }

            await using (var connection = await database.OpenConnectionAsync())
            {
                // What autovacuum would do after a bulk load; VACUUM runs one statement at a time, outside a transaction.
                foreach (var table in new[] { "help_events", "help_sessions", "help_counts" })
                {
                    await using var analyze = connection.CreateCommand();
                    analyze.CommandText = $"VACUUM ANALYZE {table};";
                    await analyze.ExecuteNonQueryAsync();
                }
                await using var sizes = connection.CreateCommand();
                sizes.CommandText = """
                    SELECT c.relname, pg_total_relation_size(c.oid), c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname LIKE 'help_%' ORDER BY 2 DESC;
                    """;
                long total = 0;
                await using var reader = await sizes.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    total += reader.GetInt64(1);
                    output.WriteLine(Invariant($"PostgreSQL table {reader.GetString(0)}: {reader.GetInt64(1) / 1048576.0:F1} MiB with its indexes, about {reader.GetInt64(2):N0} rows"));
                }

                output.WriteLine(Invariant($"PostgreSQL: {total / 1048576.0:F1} MiB, {(double)total / count:F0} bytes per event, {total * 1_000_000.0 / count / 1048576.0:F0} MiB per 1,000,000 events (indexes, session summaries and counters included)"));
            }

            await using (var connection = new SqliteConnection($"Data Source={sqlitePath}"))
            {
                await connection.OpenAsync();
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;";
                await checkpoint.ExecuteNonQueryAsync();
            }

            var bytes = new FileInfo(sqlitePath).Length;
            output.WriteLine(Invariant($"SQLite: {bytes / 1048576.0:F1} MiB, {(double)bytes / count:F0} bytes per event"));

            // The dashboard's periods on 2 March 2026 (whole UTC days, today included), each with the previous period of the
            // same length, both asked for at once as the dashboard does; the stores take turns on each period.
            var today = new DateOnly(2026, 3, 2);
            var periods = new (string Name, DateOnly From, DateOnly To)[]
            {
                ("last 30 days (every event)", today.AddDays(-29), today),
                ("last 30 days on 25 February (weeks and days)", new DateOnly(2026, 1, 27), new DateOnly(2026, 2, 25)),
                ("last 7 days", today.AddDays(-6), today),
                ("this month (2 days)", new DateOnly(2026, 3, 1), today),
                ("February (calendar month)", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)),
                ("one day", new DateOnly(2026, 2, 20), new DateOnly(2026, 2, 20)),
            };
            var worst = new Dictionary<string, TimeSpan>();
            foreach (var (period, from, to) in periods)
            {
                var days = to.DayNumber - from.DayNumber + 1;
                var (query, previous) = (Query(from, to), Query(from.AddDays(-days), from.AddDays(-1)));
                var line = new List<string>();
                string? figures = null;
                foreach (var (name, store) in stores)
                {
                    var times = new List<TimeSpan>();
                    HelpInsightsReport? report = null;
                    for (var run = 0; run < runs; run++)
                    {
                        var timer = Stopwatch.StartNew();
                        var current = store.GetReportAsync(query);
                        var before = store.GetReportAsync(previous);
                        report = await current;
                        await before;
                        times.Add(timer.Elapsed);
                    }

                    times.Sort();
                    worst[name] = worst.GetValueOrDefault(name) > times[^1] ? worst[name] : times[^1];
                    line.Add(Invariant($"{name} median {times[times.Count / 2].TotalMilliseconds:F0} ms (min {times[0].TotalMilliseconds:F0}, max {times[^1].TotalMilliseconds:F0})"));
                    var these = Invariant($"{report!.Funnel.Sessions:N0} sessions, {report.Searches:N0} searches, {report.Tickets:N0} tickets, rate {report.SelfServiceRate:P1}");
                    if (figures is not null && figures != these)
                    {
                        output.WriteLine($"the stores disagree on {period}: {figures} against {these}");
                        return 2;
                    }

                    figures = these;
                }

                output.WriteLine(Invariant($"dashboard, {period} + the {days} days before, {runs} runs: {string.Join("; ", line)}; {figures}"));
            }

            output.WriteLine(Invariant($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}"));
            output.WriteLine(Invariant($"slowest dashboard load: {string.Join(", ", worst.Select(w => $"{w.Key} {w.Value.TotalMilliseconds:F0} ms"))}"));
            return worst.Values.All(w => w < TimeSpan.FromSeconds(1)) ? 0 : 1;
        }
        finally
        {
            await using (var connection = database.DataSource.CreateConnection())
            {
                await connection.OpenAsync();
                await using var drop = connection.CreateCommand();
                drop.CommandText = $"DROP SCHEMA IF EXISTS {schema} CASCADE;";
                await drop.ExecuteNonQueryAsync();
            }

            await database.DisposeAsync();
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static HelpInsightsQuery Query(DateOnly from, DateOnly to) => new()
    {
        From = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        To = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
