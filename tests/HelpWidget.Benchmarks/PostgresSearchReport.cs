using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HelpWidget.Lucene;
using HelpWidget.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HelpWidget.Benchmarks;

/// <summary>
/// Search for many instances at 100,000 articles: the articles published into PostgreSQL, two instances each reading
/// them into their own Lucene index (the product's path: <c>AddPostgreSqlArticles()</c> then <c>AddLuceneSearch()</c>),
/// and the figures that decide the design: publish time, a full load against an incremental one, the first index,
/// query p50/p99 on the shared set's queries, and the time from one article changed on one instance until the other
/// finds its new text. The corpus is the shared English set's 419 articles and synthetic ones made of their sentences,
/// so the set's queries keep their relevant articles among 100,000. It creates its own schema and drops it at the end.
/// </summary>
internal static class PostgresSearchReport
{
    private const int Changes = 10;

    /// <summary>Queries of each kind timed (the shared set has 1,249): enough for a p99, few enough for a loaded machine.</summary>
    private const int QueriesPerKind = 500;

    public static async Task<int> RunAsync(TextWriter output, string connectionString, int articleCount)
    {
        var shared = Path.Combine(RepositoryRoot(), "..", "shared", "eval", "stackfaq");
        var corpus = Corpus(shared, articleCount);
        var queries = new Dictionary<string, List<(string Text, string Relevant)>>();
        foreach (var (kind, file) in new[] { ("clean", "queries.jsonl"), ("typo", "queries_typo.jsonl"), ("prefix", "queries_prefix.jsonl") })
        {
            queries[kind] = Queries(shared, file);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{corpus.Count} articles ({corpus.Average(a => a.Text.Length):F0} characters of text on average), {QueriesPerKind} queries of each kind timed (of {queries["clean"].Count}); machine load average {LoadAverage()}"));
        NpgsqlDataSource admin;
        try
        {
            admin = NpgsqlDataSource.Create(connectionString);
            await using var probe = admin.CreateCommand("SELECT 1");
            await probe.ExecuteScalarAsync();
        }
        catch (Exception ex) when (ex is ArgumentException or NpgsqlException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine($"Cannot use the PostgreSQL server of --postgres: {ex.Message}");
            return 2;
        }

        await using var adminOwned = admin;
        var schema = "hw_bench_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await using var first = Instance(connectionString, schema);
            await using var second = Instance(connectionString, schema);
            var publisher = first.GetRequiredService<IArticlePublisher>();

            var started = Stopwatch.GetTimestamp();
            var published = await publisher.PublishAsync(corpus);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"publish {published.Added} new articles: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms"));
            started = Stopwatch.GetTimestamp();
            published = await publisher.PublishAsync(corpus);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"publish the same {published.Unchanged} again (nothing to write): {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms"));

            // What every reload would cost if the source read every article each time.
            var fullLoads = new List<double>();
            for (var i = 0; i < 1; i++)
            {
                await using var fresh = Instance(connectionString, schema);
                started = Stopwatch.GetTimestamp();
                var loaded = await fresh.GetRequiredService<IArticleSource>().LoadArticlesAsync();
                fullLoads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (loaded.Count != corpus.Count)
                {
                    throw new InvalidOperationException($"Loaded {loaded.Count} articles, expected {corpus.Count}.");
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full load of every article from PostgreSQL: {fullLoads.Min():F0} ms"));
            var source = second.GetRequiredService<IArticleSource>();
            var provider = (LuceneKnowledgeProvider)second.GetRequiredService<IKnowledgeProvider>();
            started = Stopwatch.GetTimestamp();
            await provider.EnsureIndexAsync();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first index on an instance (full load + Lucene build): {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms"));
            var incremental = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                started = Stopwatch.GetTimestamp();
                await source.LoadArticlesAsync();
                incremental.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"incremental load with nothing changed: {incremental.Order().ElementAt(2):F1} ms median of 5"));
            output.WriteLine($"{"queries",-8} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"cpu p50",8} {"cpu p99",8} {"R@5",7}");
            foreach (var (kind, list) in queries)
            {
                await MeasureQueriesAsync(provider, kind, list, output);
            }

            var propagation = new List<double>();
            var afterCommit = new List<double>();
            var publishes = new List<double>();
            var articles = corpus.ToList();
            for (var change = 0; change < Changes; change++)
            {
                var index = (change * 4_999) % articles.Count;
                var word = $"zqxchange{change}w{Guid.NewGuid().ToString("N")[..6]}";
                articles[index] = new HelpArticle { Id = articles[index].Id, Language = "en", Title = articles[index].Title + " " + word, Text = articles[index].Text };
                started = Stopwatch.GetTimestamp();
                var result = await publisher.PublishAsync(articles);
                var committed = Stopwatch.GetTimestamp();
                publishes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (result.Changed != 1)
                {
                    throw new InvalidOperationException($"The publish changed {result.Changed} articles, expected 1.");
                }

                // Waits for the condition: each reload of the other instance (or 20 ms) ends with a search for the new word.
                while (true)
                {
                    var reload = provider.NextReload;
                    if ((await provider.SearchAsync(new SearchRequest { Query = word, Language = "en", MaxResults = 1 })).Hits.Any(h => h.Id == articles[index].Id))
                    {
                        break;
                    }

                    if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(60))
                    {
                        throw new TimeoutException("The other instance did not find the change within 60 s.");
                    }

                    // A reload that was already building when NextReload was read completes an earlier task than the one
                    // read, so the wait is also bounded by a short re-check: the figure then cannot include a wait of its own.
                    await reload.WaitAsync(TimeSpan.FromMilliseconds(20)).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                propagation.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                afterCommit.Add(Stopwatch.GetElapsedTime(committed).TotalMilliseconds);
            }

            propagation.Sort();
            afterCommit.Sort();
            publishes.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"publish of the whole set with one article changed: {publishes[publishes.Count / 2]:F0} ms median, {publishes[^1]:F0} ms max of {Changes}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one article changed on one instance until the other finds its new text (publish included): {propagation[propagation.Count / 2]:F0} ms median, {propagation[^1]:F0} ms max of {Changes}; from the publish's commit {afterCommit[afterCommit.Count / 2]:F0} ms median, {afterCommit[^1]:F0} ms max"));
            output.WriteLine($"after the {Changes} changes:");
            foreach (var (kind, list) in queries)
            {
                await MeasureQueriesAsync(provider, kind, list, output);
            }

            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["articles"] = corpus.Count,
                ["full_load_ms"] = Math.Round(fullLoads.Min()),
                ["change_to_other_instance_median_ms"] = Math.Round(propagation[propagation.Count / 2]),
                ["change_to_other_instance_max_ms"] = Math.Round(propagation[^1]),
            }));
        }
        finally
        {
            await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }

        return 0;
    }

    private static ServiceProvider Instance(string connectionString, string schema)
    {
        var services = new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddHelpWidget()
            .AddPostgreSqlStore(options =>
            {
                options.ConnectionString = connectionString;
                options.Schema = schema;
            })
            .AddPostgreSqlArticles()
            .AddLuceneSearch(options => options.IndexWaitTimeout = TimeSpan.FromMinutes(10));
        return services.BuildServiceProvider();
    }

    private static async Task MeasureQueriesAsync(LuceneKnowledgeProvider provider, string kind, List<(string Text, string Relevant)> queries, TextWriter output)
    {
        foreach (var (text, _) in queries.Skip(QueriesPerKind).Take(50))
        {
            await provider.SearchAsync(new SearchRequest { Query = text, Language = "en", MaxResults = 10 });
        }

        var latencies = new List<double>(queries.Count);
        var cpu = new List<double>(queries.Count);
        var found = 0;
        var timed = queries.Take(QueriesPerKind).ToList();
        foreach (var (text, relevant) in timed)
        {
            var thread = Environment.CurrentManagedThreadId;
            var cpuBefore = ThreadCpuNanoseconds();
            var started = Stopwatch.GetTimestamp();
            var results = await provider.SearchAsync(new SearchRequest { Query = text, Language = "en", MaxResults = 10 });
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            // CPU time of the searching thread: what the query costs whatever else the machine runs. A query whose
            // continuation moved to another thread cannot be measured so, and is left out of these columns.
            if (thread == Environment.CurrentManagedThreadId && cpuBefore >= 0)
            {
                cpu.Add((ThreadCpuNanoseconds() - cpuBefore) / 1e6);
            }

            found += results.Hits.Take(5).Any(h => h.Id == relevant) ? 1 : 0;
        }

        latencies.Sort();
        cpu.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind,-8} {Percentile(latencies, 0.50),8:F2} {Percentile(latencies, 0.99),8:F2} {latencies[^1],8:F2} {(cpu.Count > 0 ? Percentile(cpu, 0.50) : double.NaN),8:F2} {(cpu.Count > 0 ? Percentile(cpu, 0.99) : double.NaN),8:F2} {(double)found / timed.Count,7:F4}  ({cpu.Count} of {timed.Count} on one thread)"));
    }

    /// <summary>The calling thread's time on a CPU (Linux <c>/proc/thread-self/schedstat</c>), in nanoseconds; -1 where unknown.</summary>
    private static long ThreadCpuNanoseconds()
    {
        try
        {
            var text = File.ReadAllText("/proc/thread-self/schedstat");
            return long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return -1;
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The shared set's articles, then synthetic ones made of their sentences and titles (seeded: the same every run).</summary>
    private static List<HelpArticle> Corpus(string folder, int count)
    {
        var lines = File.ReadLines(Path.Combine(folder, "corpus.jsonl")).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var articles = lines.Select(e => new HelpArticle { Id = e.GetProperty("id").GetString()!, Language = "en", Title = e.GetProperty("title").GetString()!, Text = e.GetProperty("text").GetString()! }).ToList();
        var sentences = articles.SelectMany(a => a.Text.Split(['.', '?', '!', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Where(s => s.Length > 20).ToList();
        var titles = articles.Select(a => a.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var random = new Random(42);
        for (var i = articles.Count; i < count; i++)
        {
            var title = titles[random.Next(titles.Count)];
            articles.Add(new HelpArticle
            {
                Id = $"syn-{i:D6}",
                Language = "en",
                Title = string.Join(' ', title.Skip(random.Next(0, Math.Max(1, title.Length - 3))).Concat(titles[random.Next(titles.Count)].Take(3))),
                Text = string.Join(". ", Enumerable.Range(0, random.Next(4, 12)).Select(_ => sentences[random.Next(sentences.Count)])) + ".",
            });
        }

        return articles;
    }

    private static List<(string Text, string Relevant)> Queries(string folder, string file)
    {
        var relevant = File.ReadLines(Path.Combine(folder, "qrels.tsv")).Skip(1).Select(l => l.Split('\t')).Where(p => p.Length >= 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return [.. File.ReadLines(Path.Combine(folder, file)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => relevant.ContainsKey(e.GetProperty("id").GetString()!))
            .Select(e => (e.GetProperty("text").GetString()!, relevant[e.GetProperty("id").GetString()!]))];
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HelpWidget.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (HelpWidget.sln) was not found above " + AppContext.BaseDirectory);
    }
}
