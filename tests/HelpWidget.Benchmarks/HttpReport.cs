using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HelpWidget.AspNetCore;
using HelpWidget.Lucene;
using HelpWidget.Markdown;
using HelpWidget.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Benchmarks;

/// <summary>
/// Search over HTTP next to the same engine in-process, at 10,000 articles, in one run: the help server's API
/// (<c>MapHelpWidgetApi()</c> on Kestrel at 127.0.0.1, Production) loaded by Debian's <c>wrk</c> with 32 connections,
/// and the engine behind it called by 32 concurrent callers in the process, both with the same queries in turn.
/// </summary>
internal static partial class HttpReport
{
    public const int Articles = 10_000;
    public const int QueriesPerKind = 500;
    public const int Connections = 32;

    /// <param name="output">Where the report goes.</param>
    /// <param name="seconds">How long each measurement runs.</param>
    /// <param name="rounds">How often the in-process and the HTTP measurements take turns; the medians are compared.</param>
    public static async Task<int> RunAsync(TextWriter output, int seconds, int rounds)
    {
        var wrk = await FindOrInstallWrkAsync(output);
        if (wrk is null)
        {
            return 2;
        }

        var corpus = SyntheticCorpus.Create(Articles, QueriesPerKind);
        var queries = corpus.Queries.Values.SelectMany(q => q).ToList();
        var work = Directory.CreateTempSubdirectory("hw-http-");
        try
        {
            var knowledgeBase = Path.Combine(work.FullName, "KnowledgeBase");
            StartupReport.WriteKnowledgeBase(knowledgeBase, corpus.Articles);
            await using var app = BuildApp(work.FullName, knowledgeBase);
            await app.StartAsync();
            var address = app.Urls.Single();
            var provider = app.Services.GetRequiredService<IKnowledgeProvider>();
            var indexing = Stopwatch.StartNew();
            await app.Services.GetRequiredService<LuceneKnowledgeProvider>().EnsureIndexAsync();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Articles} Markdown articles indexed in {indexing.Elapsed.TotalSeconds:F1} s; {queries.Count} queries (clean, misspelt, cut short) in turn; {Connections} concurrent callers; {seconds} s per measurement; {Environment.ProcessorCount} cores"));
            output.WriteLine($"API at {address} (Production, Kestrel, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC); load from {wrk}; load average before: {LoadAverage()}");
            output.WriteLine("The API's search limit is raised to 100,000 requests/s per caller for the run (its middleware still runs): this measures search, not the rate limiter.");

            var script = Path.Combine(work.FullName, "queries.lua");
            await File.WriteAllTextAsync(script, LuaScript(queries));

            // Warm-up: the JIT, the index's caches and the connections, then the measured rounds in turns.
            await InProcessAsync(provider, queries, TimeSpan.FromSeconds(5));
            await WrkAsync(wrk, address, script, 5);

            var engine = new List<(double PerSecond, double P99)>();
            var http = new List<(double PerSecond, double P99, long Errors)>();
            // Each round measures both back to back, in alternating order, so a change in the machine's load meets both.
            output.WriteLine($"{"round",5} {"in-process q/s",15} {"p99 ms",8} {"HTTP req/s",11} {"p99 ms",8} {"non-2xx",8} {"HTTP/engine",12}");
            for (var round = 1; round <= rounds; round++)
            {
                if (round % 2 == 1)
                {
                    engine.Add(await InProcessAsync(provider, queries, TimeSpan.FromSeconds(seconds)));
                    http.Add(await WrkAsync(wrk, address, script, seconds));
                }
                else
                {
                    http.Add(await WrkAsync(wrk, address, script, seconds));
                    engine.Add(await InProcessAsync(provider, queries, TimeSpan.FromSeconds(seconds)));
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round,5} {engine[^1].PerSecond,15:F0} {engine[^1].P99,8:F2} {http[^1].PerSecond,11:F0} {http[^1].P99,8:F2} {http[^1].Errors,8} {http[^1].PerSecond / engine[^1].PerSecond,12:P0}"));
            }

            var engineMedian = Median(engine.Select(e => e.PerSecond));
            var httpMedian = Median(http.Select(h => h.PerSecond));
            var ratio = Median(engine.Zip(http, (e, h) => h.PerSecond / e.PerSecond));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of {rounds}: in-process {engineMedian:F0} queries/s (p99 {Median(engine.Select(e => e.P99)):F2} ms), HTTP {httpMedian:F0} requests/s (p99 {Median(http.Select(h => h.P99)):F2} ms); HTTP keeps {ratio:P0} of the engine's throughput (median of the rounds' ratios)"));
            output.WriteLine($"load average after: {LoadAverage()} (other processes on the machine share its cores)");
            await app.StopAsync();
            var failed = http.Sum(h => h.Errors) > 0;
            if (failed)
            {
                output.WriteLine("Some HTTP answers were not 2xx: the figures do not measure search alone.");
            }

            return failed ? 1 : 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The help server as an app composes it: Markdown articles, Lucene, a SQLite store, the API. The search limit is
    /// raised to 100,000 per second per caller (wrk is one caller, 127.0.0.1), so the run measures search, not the
    /// limiter, while the limiter's middleware still runs as in production. No log provider: nothing is logged per
    /// request at the Production levels anyway.
    /// </summary>
    private static WebApplication BuildApp(string folder, string knowledgeBase)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = folder,
            ApplicationName = typeof(HttpReport).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHelpWidget()
            .AddMarkdownContent(options => (options.ArticlesPath, options.WatchForChanges) = (knowledgeBase, false))
            .AddLuceneSearch(options => options.IndexWaitTimeout = TimeSpan.FromMinutes(10)) // the report waits for the whole index
            .AddSqliteStore(options => options.ConnectionString = $"Data Source={Path.Combine(folder, "helpwidget.db")}")
            .AddHelpWidgetApi(options =>
            {
                options.SearchPermitLimit = 100_000;
                options.RateLimitWindow = TimeSpan.FromSeconds(1);
            });
        var app = builder.Build();
        app.UseCors();
        app.UseRateLimiter();
        app.MapHelpWidgetApi();
        return app;
    }

    /// <summary><see cref="Connections"/> callers, each searching the next query as soon as its last one answered, for <paramref name="duration"/>.</summary>
    private static async Task<(double PerSecond, double P99)> InProcessAsync(IKnowledgeProvider provider, List<string> queries, TimeSpan duration)
    {
        var next = -1;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(100_000);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                // Each call is a new work item, as each request is on the server: the search completes synchronously,
                // and a caller that never yields would hold a pool thread and make the pool add threads to the 2 cores.
                // The time runs from the call's start, as wrk's does from the request's: waiting for a thread counts.
                var before = Stopwatch.GetTimestamp();
                await Task.Yield();
                var query = queries[(int)((uint)Interlocked.Increment(ref next) % (uint)queries.Count)];
                // What the API's search endpoint asks: the anonymous caller, English, the panel's 8 results.
                await provider.SearchAsync(new SearchRequest { Query = query, Language = "en", MaxResults = 8 });
                latencies.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
            }

            return latencies;
        })).ToList();
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).Order().ToList();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (all.Count / elapsed, all[Math.Clamp((int)Math.Ceiling(0.99 * all.Count) - 1, 0, all.Count - 1)]);
    }

    private static async Task<(double PerSecond, double P99, long Errors)> WrkAsync(string wrk, string address, string script, int seconds)
    {
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t", "2", "-c", Connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "--timeout", "10s", "--latency", "-s", script, address })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var text = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var report = await text;
        if (process.ExitCode != 0 || RequestsPerSecond().Match(report) is not { Success: true } rate || P99().Match(report) is not { Success: true } p99)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}):\n{report}\n{await errors}");
        }

        var nonSuccess = NonSuccess().Match(report) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socketErrors = SocketErrors().Match(report) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return (double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), Milliseconds(p99.Groups[1].Value, p99.Groups[2].Value), nonSuccess + socketErrors);
    }

    private static double Milliseconds(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        _ => 60_000,
    };

    /// <summary>A wrk script that sends the queries in turn, each thread from its own starting point, as the panel would ask.</summary>
    private static string LuaScript(List<string> queries)
    {
        var lua = new StringBuilder("local paths = {\n");
        foreach (var query in queries)
        {
            lua.Append("  \"/helpwidget/api/search?lang=en&q=").Append(Uri.EscapeDataString(query)).Append("\",\n");
        }

        lua.Append("""
            }
            local counter = 0
            function setup(thread)
              counter = counter + 1
              thread:set("offset", counter * 997)
            end
            local i = 0
            function request()
              i = i + 1
              return wrk.format("GET", paths[((offset or 0) + i) % #paths + 1])
            end
            """);
        return lua.ToString();
    }

    /// <summary>Debian's wrk: from PATH, else installed with apt-get when running as root.</summary>
    private static async Task<string?> FindOrInstallWrkAsync(TextWriter output)
    {
        if (Find() is { } found)
        {
            return found;
        }

        if (Environment.UserName != "root")
        {
            output.WriteLine("wrk is not installed and this is not root: run 'sudo apt-get install -y wrk' first.");
            return null;
        }

        output.WriteLine("wrk is not installed: apt-get install -y --no-install-recommends wrk");
        foreach (var arguments in new[] { "update -qq", "install -y -qq --no-install-recommends wrk" })
        {
            using var apt = Process.Start(new ProcessStartInfo("apt-get", arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
            await apt.StandardOutput.ReadToEndAsync();
            await apt.StandardError.ReadToEndAsync();
            await apt.WaitForExitAsync();
        }

        return Find();

        static string? Find() => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "wrk"))
            .FirstOrDefault(File.Exists);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s*99%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)")]
    private static partial Regex SocketErrors();
}
