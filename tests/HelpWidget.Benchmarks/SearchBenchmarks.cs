using BenchmarkDotNet.Attributes;

namespace HelpWidget.Benchmarks;

/// <summary>Search at 10,000 articles: time and allocation per query, by kind of query.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks : IDisposable
{
    private const int QueriesPerOperation = 50;
    private Engine _engine = default!;
    private IReadOnlyList<string> _queries = [];

    [Params("clean", "typo", "prefix")]
    public string Kind { get; set; } = "clean";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var corpus = SyntheticCorpus.Create(LatencyReport.Articles, QueriesPerOperation);
        _queries = corpus.Queries[Kind];
        _engine = new Engine(corpus.Articles);
        await _engine.Provider.EnsureIndexAsync();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _engine.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = QueriesPerOperation)]
    public async Task<int> Search()
    {
        var hits = 0;
        foreach (var query in _queries)
        {
            hits += (await _engine.Provider.SearchAsync(new SearchRequest { Query = query, MaxResults = 10 })).Hits.Count;
        }

        return hits;
    }
}

/// <summary>Building the index of 10,000 articles.</summary>
[MemoryDiagnoser]
public class IndexBuildBenchmarks
{
    private IReadOnlyList<HelpArticle> _articles = [];

    [GlobalSetup]
    public void Setup() => _articles = SyntheticCorpus.Create(LatencyReport.Articles, 1).Articles;

    [Benchmark]
    public async Task BuildIndex()
    {
        using var engine = new Engine(_articles);
        await engine.Provider.EnsureIndexAsync();
    }
}
