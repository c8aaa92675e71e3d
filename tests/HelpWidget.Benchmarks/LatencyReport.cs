using System.Diagnostics;
using System.Globalization;

namespace HelpWidget.Benchmarks;

/// <summary>Per-query latency percentiles and allocation, index build and reload times, at 10,000 articles.</summary>
internal static class LatencyReport
{
    public const int Articles = 10_000;
    public const int Queries = 500;

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
            foreach (var query in queries)
            {
                await engine.Provider.SearchAsync(new SearchRequest { Query = query, MaxResults = 10 });
            }

            var latencies = new List<double>(queries.Count);
            long allocated = 0;
            foreach (var query in queries)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                await engine.Provider.SearchAsync(new SearchRequest { Query = query, MaxResults = 10 });
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }

            latencies.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind,-8} {Percentile(latencies, 0.50),8:F3} {Percentile(latencies, 0.99),8:F3} {latencies[^1],8:F3} {allocated / 1024.0 / queries.Count,9:F1}"));
        }

        var reloads = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var changed = corpus.Articles.Select((a, n) => n == i ? new HelpArticle { Id = a.Id, Language = a.Language, Title = "Changed " + a.Title, Text = a.Text } : a).ToList();
            var started = Stopwatch.GetTimestamp();
            await engine.ReplaceAsync(changed);
            reloads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reload after a change (rebuild and swap, searches go on meanwhile): {reloads.Order().ElementAt(1):F0} ms median of 3"));
        var saveToSearchable = await SampleFileToSearchableAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sample knowledge base, Markdown file saved until searchable: {saveToSearchable:F0} ms median of 5"));
    }

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

            var options = Microsoft.Extensions.Options.Options.Create(new HelpWidgetOptions { ArticlesPath = folder.FullName });
            using var source = new HelpWidget.Markdown.MarkdownArticleSource(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<HelpWidget.Markdown.MarkdownArticleSource>.Instance);
            using var provider = new HelpWidget.Lucene.LuceneKnowledgeProvider(source, options, Microsoft.Extensions.Logging.Abstractions.NullLogger<HelpWidget.Lucene.LuceneKnowledgeProvider>.Instance);
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
