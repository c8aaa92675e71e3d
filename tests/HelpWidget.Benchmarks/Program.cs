using BenchmarkDotNet.Running;
using HelpWidget.Benchmarks;

// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --latency     per-query p50/p99, allocation, index build, change until searchable at 10,000 articles
// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --filter '*'  the same operations under BenchmarkDotNet
// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --filter '*Scrubber*' --job short  the personal data scrubber
// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --startup [runs] [other-sample-bin]  time to first page: plain template vs. sample over 10,000 articles
// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --http [seconds] [rounds]  search over HTTP (wrk, 32 connections) next to the engine in-process, 10,000 articles
// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --insights [events] [runs]  the insights dashboard's report over 1,000,000 generated events in SQLite, and storage per event
// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --postgres "<connection string>" [articles]  search for many instances: 100,000 articles shared through PostgreSQL, two instances
if (args.Length > 1 && args[0] == "--postgres")
{
    return await PostgresSearchReport.RunAsync(Console.Out, args[1], args.Length > 2 ? Math.Clamp(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), 500, 1_000_000) : 100_000);
}

// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --insights --postgres "<connection string>" [events] [runs]  the same over the same events in PostgreSQL next to SQLite
if (args is ["--insights", "--postgres", var insightsDatabase, ..]) return await PostgresInsights.RunAsync(Console.Out, insightsDatabase, args.Length > 3 ? Math.Clamp(int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), 1_000, 20_000_000) : 1_000_000, args.Length > 4 ? Math.Clamp(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture), 1, 50) : 5);
if (args.Length > 0 && args[0] == "--insights")
{
    var events = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
    return await InsightsReport.RunAsync(Console.Out, Math.Clamp(events, 1_000, 20_000_000), Math.Clamp(runs, 1, 50));
}

if (args.Length > 0 && args[0] == "--startup")
{
    var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    return await StartupReport.RunAsync(Console.Out, Math.Clamp(runs, 1, 20), args.Length > 2 ? args[2] : null);
}

if (args.Length > 0 && args[0] == "--http")
{
    var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
    var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
    return await HttpReport.RunAsync(Console.Out, Math.Clamp(seconds, 1, 120), Math.Clamp(rounds, 1, 20));
}

// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --semantic [articles] [vectors-cache-folder]  BM25, lexical and hybrid (local model) query latency side by side; time to embed every article (a new empty cache unless a folder is given), and to restart with all of them cached
if (args.Length > 0 && args[0] == "--semantic")
{
    var articles = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : LatencyReport.Articles;
    await SemanticLatencyReport.RunAsync(Console.Out, Math.Clamp(articles, 100, 100_000), args.Length > 2 ? args[2] : null);
    return 0;
}

// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --profile-lexical [seconds]  the lexical queries in a loop at 10,000 articles, for a profiler (perf) to attach to
if (args.Length > 0 && args[0] == "--profile-lexical")
{
    var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
    var corpus = SyntheticCorpus.Create(LatencyReport.Articles, LatencyReport.Queries);
    using var engine = new Engine(corpus.Articles);
    await engine.Provider.EnsureIndexAsync();
    Console.WriteLine($"ready, pid {Environment.ProcessId}");
    var until = System.Diagnostics.Stopwatch.StartNew();
    var count = 0;
    while (until.Elapsed.TotalSeconds < seconds)
    {
        foreach (var query in corpus.Queries.Values.SelectMany(q => q))
        {
            await engine.Provider.SearchAsync(new HelpWidget.SearchRequest { Query = query, MaxResults = 10 });
            count++;
        }
    }

    Console.WriteLine(System.FormattableString.Invariant($"{count} queries, {until.Elapsed.TotalMilliseconds / count:F3} ms each"));
    return 0;
}

// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --lexical-steps [rounds]  where a lexical query's time goes (read, build, Lucene, rank), whole-search p50/p99 and plain BM25 in the same run
if (args.Length > 0 && args[0] == "--lexical-steps")
{
    await LexicalSteps.RunAsync(Console.Out, args.Length > 1 ? Math.Clamp(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), 2, 20) : 3);
    return 0;
}

// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --query-embedding [queries]  the local model's time per search query with one and with two ONNX Runtime threads
if (args.Length > 0 && args[0] == "--query-embedding")
{
    await QueryEmbeddingReport.RunAsync(Console.Out, args.Length > 1 ? Math.Clamp(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), 10, 2000) : 100);
    return 0;
}

if (args.Contains("--latency"))
{
    await LatencyReport.RunAsync(Console.Out);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
