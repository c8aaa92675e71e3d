using System.Diagnostics;
using System.Globalization;
using HelpWidget.Embeddings.Onnx;
using Microsoft.Extensions.AI;

namespace HelpWidget.Benchmarks;

/// <summary>
/// The time to embed one search query with the local model, with one and with two threads inside ONNX Runtime, each
/// query afresh; the cost that leads the hybrid engine's latency. Minutes faster than <c>--semantic</c>, which first
/// embeds every article.
/// </summary>
internal static class QueryEmbeddingReport
{
    public static async Task RunAsync(TextWriter output, int count)
    {
        var corpus = SyntheticCorpus.Create(200, count);
        var queries = corpus.Queries.Values.SelectMany(q => q).ToList();
        var query = new EmbeddingGenerationOptions { AdditionalProperties = new() { [OnnxEmbeddingGenerator.InputTypeKey] = OnnxEmbeddingGenerator.QueryInputType } };
        output.WriteLine($"{queries.Count} queries; {Environment.ProcessorCount} cores");
        output.WriteLine($"{"threads",-22} {"p50 ms",8} {"p99 ms",8}");
        foreach (var (name, options) in new (string, OnnxEmbeddingOptions)[]
        {
            ("1 (articles)", new OnnxEmbeddingOptions { IntraOpThreads = 1, QueryIntraOpThreads = 1 }),
            ("2 for queries", new OnnxEmbeddingOptions { IntraOpThreads = 1, QueryIntraOpThreads = 2 }),
        })
        {
            using var generator = new OnnxEmbeddingGenerator(options);
            foreach (var text in queries.Take(30))
            {
                await generator.GenerateAsync(["warm " + text], query);
            }

            var latencies = new List<double>(queries.Count);
            foreach (var text in queries)
            {
                var started = Stopwatch.GetTimestamp();
                await generator.GenerateAsync([text], query);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            latencies.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} {P(latencies, 0.5),8:F3} {P(latencies, 0.99),8:F3}"));
        }
    }

    private static double P(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
