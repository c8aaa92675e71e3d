using System.Diagnostics;
using System.Globalization;
using HelpWidget.Lucene;

namespace HelpWidget.Benchmarks;

/// <summary>Per-query latency percentiles and allocation, index build time, and the time from a change until it is found, at 10,000 articles.</summary>
internal static class LatencyReport
{
    public const int Articles = 10_000;
    public const int Queries = 500;
    public const int Changes = 50;
    public const int FileChanges = 9;

    public static async Task RunAsync(TextWriter output)
    {
        var corpus = SyntheticCorpus.Create(Articles, Queries);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Articles} articles, {corpus.Articles.Average(a => a.Text.Length):F0} characters of text on average; {Queries} queries of each kind"));

        var builds = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            using var fresh = new Engine(corpus.Articles);
            var started = Stopwatch.GetTimestamp();
            await fresh.Provider.EnsureIndexAsync();
            builds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index build: {builds.Min():F0} ms best, {builds.Order().ElementAt(1):F0} ms median of 3"));

        using var engine = new Engine(corpus.Articles);
        await engine.Provider.EnsureIndexAsync();
        output.WriteLine($"{"queries",-8} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"KB/query",9}");
        foreach (var (kind, queries) in corpus.Queries)
        {
            await MeasureQueriesAsync(engine, kind, queries, output);
        }

        // Plain BM25 over the same articles in the same run: the reference that makes the rows above read as ratios.
        using (var bm25 = new PlainBm25(corpus.Articles))
        {
            foreach (var (kind, queries) in corpus.Queries)
            {
                await MeasureAsync("bm25 " + kind, queries, query => Task.FromResult(bm25.Search(query).Count), output);
            }
        }

        var inMemory = await ChangeToSearchableAsync(engine);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one article changed until a search finds its new text, index in memory: {inMemory.Median:F0} ms median, {inMemory.Max:F0} ms max of {Changes}"));
        output.WriteLine($"after the {Changes} changes:");
        foreach (var (kind, queries) in corpus.Queries)
        {
            await MeasureQueriesAsync(engine, kind, queries, output);
        }

        // The articles then stay unchanged for the quiet period: the segments the changes left are merged into one.
        var merged = engine.Provider.NextReload;
        var merging = Stopwatch.GetTimestamp();
        engine.Time.Advance(LuceneKnowledgeProvider.CompactAfter);
        await merged;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merge after the quiet period: {Stopwatch.GetElapsedTime(merging).TotalMilliseconds:F0} ms, {engine.Provider.Segments.Values.Sum()} segment(s) left; then:"));
        foreach (var (kind, queries) in corpus.Queries)
        {
            await MeasureQueriesAsync(engine, kind, queries, output);
        }

        var folder = Directory.CreateTempSubdirectory("hw-index-");
        try
        {
            using var onDisk = new Engine(corpus.Articles, folder.FullName);
            await onDisk.Provider.EnsureIndexAsync();
            var onDiskTime = await ChangeToSearchableAsync(onDisk);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one article changed until a search finds its new text, index on disk: {onDiskTime.Median:F0} ms median, {onDiskTime.Max:F0} ms max of {Changes}"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var fileSaved = await MarkdownFileToSearchableAsync(corpus.Articles);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Articles} Markdown files, one saved until a search finds its new text: {fileSaved.Median:F0} ms median, {fileSaved.Max:F0} ms max of {FileChanges}"));
        var saveToSearchable = await SampleFileToSearchableAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sample knowledge base, Markdown file saved until searchable: {saveToSearchable:F0} ms median of 5"));
    }

    /// <summary>Prints the latency percentiles and the allocation of <paramref name="queries"/>, run one by one after a warm-up.</summary>
    private static Task MeasureQueriesAsync(Engine engine, string kind, IReadOnlyList<string> queries, TextWriter output) =>
        MeasureAsync(kind, queries, async query => (await engine.Provider.SearchAsync(new SearchRequest { Query = query, MaxResults = 10 })).Hits.Count, output);

    private static async Task MeasureAsync(string kind, IReadOnlyList<string> queries, Func<string, Task<int>> search, TextWriter output)
    {
        foreach (var query in queries)
        {
            await search(query);
        }

        var latencies = new List<double>(queries.Count);
        long allocated = 0;
        foreach (var query in queries)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            await search(query);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        latencies.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind,-8} {Percentile(latencies, 0.50),8:F3} {Percentile(latencies, 0.99),8:F3} {latencies[^1],8:F3} {allocated / 1024.0 / queries.Count,9:F1}"));
    }

    /// <summary>
    /// From the source reporting one changed article until a search finds the article by a word only its new text has:
    /// the provider's reload, then the search. Each run changes another article.
    /// </summary>
    private static async Task<(double Median, double Max)> ChangeToSearchableAsync(Engine engine)
    {
        var times = new List<double>(Changes);
        for (var run = 0; run < Changes; run++)
        {
            var articles = engine.Articles.ToArray();
            var position = (run * 1499 + 700) % articles.Length;
            var original = articles[position];
            var word = NewWord(run);
            articles[position] = new HelpArticle
            {
                Id = original.Id,
                Language = original.Language,
                Title = original.Title,
                Summary = original.Summary,
                Text = original.Text + " " + word,
                Contexts = original.Contexts,
                Audiences = original.Audiences,
            };

            var started = Stopwatch.GetTimestamp();
            await engine.ReplaceAsync(articles);
            await ExpectFirstAsync(engine.Provider, word, original.Id);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (Median(times), times.Max());
    }

    /// <summary>
    /// The same through the product's whole path: the Markdown file is saved, the folder watcher reports it after the
    /// quiet period, the source parses the changed file, and the provider updates the index.
    /// </summary>
    private static async Task<(double Median, double Max)> MarkdownFileToSearchableAsync(IReadOnlyList<HelpArticle> articles)
    {
        var folder = Directory.CreateTempSubdirectory("hw-files-");
        try
        {
            var language = Directory.CreateDirectory(Path.Combine(folder.FullName, "en")).FullName;
            foreach (var article in articles)
            {
                await File.WriteAllTextAsync(Path.Combine(language, article.Id + ".md"), MarkdownFile(article, string.Empty));
            }

            var options = Microsoft.Extensions.Options.Options.Create(new HelpWidget.Markdown.MarkdownContentOptions { ArticlesPath = folder.FullName });
            using var source = new HelpWidget.Markdown.MarkdownArticleSource(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<HelpWidget.Markdown.MarkdownArticleSource>.Instance);
            using var provider = new LuceneKnowledgeProvider(source, Microsoft.Extensions.Logging.Abstractions.NullLogger<LuceneKnowledgeProvider>.Instance);
            await provider.EnsureIndexAsync();
            var times = new List<double>(FileChanges);
            for (var run = 0; run < FileChanges; run++)
            {
                var article = articles[(run * 1499 + 700) % articles.Count];
                var word = NewWord(run);
                var reloaded = provider.NextReload;
                var started = Stopwatch.GetTimestamp();
                await File.WriteAllTextAsync(Path.Combine(language, article.Id + ".md"), MarkdownFile(article, word));
                await reloaded;
                await ExpectFirstAsync(provider, word, article.Id);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return (Median(times), times.Max());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string MarkdownFile(HelpArticle article, string extra) =>
        $"---\nid: {article.Id}\ntitle: '{article.Title.Replace("'", "''", StringComparison.Ordinal)}'\ncontexts: [{string.Join(", ", article.Contexts)}]\n---\n{article.Text} {extra}\n";

    private static async Task ExpectFirstAsync(LuceneKnowledgeProvider provider, string word, string id)
    {
        var user = new HelpUser { Audiences = ["manager"] };
        var hits = (await provider.SearchAsync(new SearchRequest { Query = word + " ", MaxResults = 10, User = user })).Hits;
        if (hits.Count == 0 || hits[0].Id != id)
        {
            throw new InvalidOperationException($"A search for '{word}' does not find article {id} first after the reload.");
        }
    }

    /// <summary>A made-up word, different for each run, that no article of the corpus contains.</summary>
    private static string NewWord(int run) => string.Create(CultureInfo.InvariantCulture, $"zq{(char)('a' + run / 676 % 26)}{(char)('a' + run / 26 % 26)}{(char)('a' + run % 26)}x");

    private static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);

    /// <summary>From saving a Markdown file in a copy of the sample knowledge base until a search finds it.</summary>
    private static async Task<double> SampleFileToSearchableAsync()
    {
        var folder = Directory.CreateTempSubdirectory("hw-reload-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(SyntheticCorpus.SampleKnowledgeBase, "*.*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder.FullName, Path.GetRelativePath(SyntheticCorpus.SampleKnowledgeBase, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var options = Microsoft.Extensions.Options.Options.Create(new HelpWidget.Markdown.MarkdownContentOptions { ArticlesPath = folder.FullName });
            using var source = new HelpWidget.Markdown.MarkdownArticleSource(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<HelpWidget.Markdown.MarkdownArticleSource>.Instance);
            using var provider = new LuceneKnowledgeProvider(source, Microsoft.Extensions.Logging.Abstractions.NullLogger<LuceneKnowledgeProvider>.Instance);
            await provider.EnsureIndexAsync();
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var reloaded = provider.NextReload;
                var started = Stopwatch.GetTimestamp();
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, "en", $"new-{i}.md"), $"---\nid: new-{i}\ntitle: Quokka {i}\n---\nQuokka number {i}.");
                await reloaded;
                if ((await provider.SearchAsync(new SearchRequest { Query = $"quokka {i}" })).Hits.Count == 0)
                {
                    throw new InvalidOperationException("The new article is not searchable after the reload.");
                }

                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return times.Order().ElementAt(2);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
