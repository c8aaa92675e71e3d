using System.Diagnostics;
using System.Globalization;
using HelpWidget.Embeddings.Onnx;
using HelpWidget.Lucene;

namespace HelpWidget.Benchmarks;

/// <summary>
/// Query latency of plain BM25, the lexical engine and the hybrid engine (the local embedding model beside it) over
/// the same articles in one run, each query's vector computed afresh (no query cache); the time to embed the articles,
/// and to be ready again after a restart with every vector in the cache folder.
/// </summary>
internal static class SemanticLatencyReport
{
    /// <param name="output">Where the report goes.</param>
    /// <param name="articleCount">How many synthetic articles.</param>
    /// <param name="cacheFolder">A vectors cache folder to reuse, or <see langword="null"/> for a new empty one (every article embedded), removed at the end.</param>
    public static async Task RunAsync(TextWriter output, int articleCount, string? cacheFolder = null)
    {
        var corpus = SyntheticCorpus.Create(articleCount, LatencyReport.Queries);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{articleCount} articles; {LatencyReport.Queries} queries of each kind; {Environment.ProcessorCount} cores"));
        var cache = cacheFolder ?? Path.Combine(Path.GetTempPath(), "helpwidget-bench-vectors-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunAsync(output, articleCount, corpus, cache);
        }
        finally
        {
            if (cacheFolder is null && Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }

    private static async Task RunAsync(TextWriter output, int articleCount, SyntheticCorpus corpus, string cache)
    {
        var semantic = new SemanticSearchOptions { VectorCachePath = cache, QueryCacheSize = 0, QueryTimeout = TimeSpan.FromSeconds(10) };
        var memoryBefore = WorkingSetMb();

        using var bm25 = new PlainBm25(corpus.Articles);
        using var lexical = new Engine(corpus.Articles);
        var building = Stopwatch.GetTimestamp();
        await lexical.Provider.EnsureIndexAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lexical index built in {Stopwatch.GetElapsedTime(building).TotalSeconds:F2} s"));

        using (var generator = new OnnxEmbeddingGenerator())
        using (var first = new Engine(corpus.Articles, generator: generator, semantic: semantic))
        {
            var started = Stopwatch.GetTimestamp();
            await first.Provider.EnsureIndexAsync();
            await first.Provider.WaitForVectorsAsync("en");
            var vectors = first.Provider.Semantic.For("en")!;
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vectors ready after {seconds:F1} s: {vectors.Embedded} articles embedded ({vectors.Embedded / seconds:F1} a second), {articleCount - vectors.Embedded} from the cache ({cache})"));
        }

        using var model = new OnnxEmbeddingGenerator();
        using var hybrid = new Engine(corpus.Articles, generator: model, semantic: semantic);
        var restarted = Stopwatch.GetTimestamp();
        await hybrid.Provider.EnsureIndexAsync();
        await hybrid.Provider.WaitForVectorsAsync("en");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"restart with the vectors cached: index and vectors ready after {Stopwatch.GetElapsedTime(restarted).TotalSeconds:F1} s, {hybrid.Provider.Semantic.For("en")!.Embedded} embedded"));
        var memoryIndexed = WorkingSetMb();

        output.WriteLine($"{"queries",-8} {"engine",-8} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var (kind, queries) in corpus.Queries)
        {
            Print(output, kind, "bm25", await MeasureAsync(queries, q => Task.FromResult(bm25.Search(q).Count)));
            Print(output, kind, "lexical", await MeasureAsync(queries, async q => (await lexical.Provider.SearchAsync(new SearchRequest { Query = q, MaxResults = 10 })).Hits.Count));
            Print(output, kind, "hybrid", await MeasureAsync(queries, async q => (await hybrid.Provider.SearchAsync(new SearchRequest { Query = q, MaxResults = 10 })).Hits.Count));
        }

        // The model loads with the first query it embeds; with every article's vector cached, that is after the start.
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"working set: {memoryBefore:F0} MB before, {memoryIndexed:F0} MB with the three engines' indexes and vectors, {WorkingSetMb():F0} MB after the queries (model loaded)"));
    }

    /// <summary>Latencies of the queries run one by one, sorted, after a warm-up over the first 50.</summary>
    private static async Task<List<double>> MeasureAsync(IReadOnlyList<string> queries, Func<string, Task<int>> search)
    {
        foreach (var query in queries.Take(50))
        {
            await search("warm " + query);
        }

        var latencies = new List<double>(queries.Count);
        foreach (var query in queries)
        {
            var started = Stopwatch.GetTimestamp();
            await search(query);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        latencies.Sort();
        return latencies;
    }

    private static void Print(TextWriter output, string kind, string engine, List<double> sorted) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind,-8} {engine,-8} {Percentile(sorted, 0.50),8:F3} {Percentile(sorted, 0.99),8:F3} {sorted[^1],8:F3}"));

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static double WorkingSetMb()
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }
}
