using System.Diagnostics;

namespace HelpWidget.Eval;

/// <summary>The figures of one engine on one dataset.</summary>
internal sealed record EvalResult(
    string Dataset,
    string Engine,
    int Queries,
    double RecallAt1,
    double RecallAt5,
    double MrrAt10,
    double NdcgAt10,
    double P50Ms,
    double P99Ms,
    double AllocatedKbPerQuery);

internal static class Evaluation
{
    /// <summary>Runs every query once to warm up, then again, timed and measured, on this thread.</summary>
    public static async Task<EvalResult> RunAsync(Dataset dataset, IEvalEngine engine, TextWriter? details = null)
    {
        foreach (var query in dataset.Queries)
        {
            await engine.SearchAsync(query);
        }

        var latencies = new List<double>(dataset.Queries.Count);
        double recall1 = 0, recall5 = 0, mrr = 0, ndcg = 0;
        long allocated = 0;
        foreach (var query in dataset.Queries)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            var ranked = await engine.SearchAsync(query);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;

            var relevant = dataset.Relevant[query.Id];
            var first = -1;
            double dcg = 0;
            for (var rank = 0; rank < Math.Min(10, ranked.Count); rank++)
            {
                if (relevant.Contains(ranked[rank]))
                {
                    dcg += 1 / Math.Log2(rank + 2);
                    if (first < 0)
                    {
                        first = rank;
                    }
                }
            }

            var ideal = Enumerable.Range(0, Math.Min(10, relevant.Count)).Sum(rank => 1 / Math.Log2(rank + 2));
            details?.WriteLine($"{engine.Name}\t{query.Id}\t{(first < 0 ? "-" : (first + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}\t{query.Text}\t{string.Join(' ', ranked.Take(5))}\t{string.Join(' ', relevant)}");
            recall1 += first == 0 ? 1 : 0;
            recall5 += first is >= 0 and < 5 ? 1 : 0;
            mrr += first >= 0 ? 1.0 / (first + 1) : 0;
            ndcg += ideal > 0 ? dcg / ideal : 0;
        }

        var n = Math.Max(1, dataset.Queries.Count);
        latencies.Sort();
        return new EvalResult(
            dataset.Name,
            engine.Name,
            dataset.Queries.Count,
            Math.Round(recall1 / n, 4),
            Math.Round(recall5 / n, 4),
            Math.Round(mrr / n, 4),
            Math.Round(ndcg / n, 4),
            Math.Round(Percentile(latencies, 0.50), 3),
            Math.Round(Percentile(latencies, 0.99), 3),
            Math.Round(allocated / 1024.0 / n, 1));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
