namespace HelpWidget.Lucene.Semantic;

/// <summary>
/// Fuses word matching and meaning: each side's scores over the union of both candidate lists are scaled to 0..1 by
/// that side's best and worst candidate, and summed with <see cref="SemanticSearchOptions.Weight"/> on the meaning side.
/// Scaling, unlike ranks, keeps how far apart the candidates are; measured on the shared sets it ranks better than
/// reciprocal-rank fusion.
/// </summary>
internal static class HybridRanking
{
    /// <summary>Candidates taken from each side.</summary>
    public const int Candidates = 100;

    /// <summary>A candidate of the fusion: its article, its Lucene document (-1 when only its meaning found it) and its fused score.</summary>
    public readonly record struct Fused(HelpArticle Article, int Document, double Score);

    public static List<Fused> Fuse(
        IReadOnlyList<(HelpArticle Article, int Document, float Score)> lexical,
        IReadOnlyList<(HelpArticle Article, float Similarity)> nearest,
        DenseIndex dense,
        ReadOnlySpan<float> query,
        double weight,
        double minSimilarity)
    {
        var (lexicalLow, lexicalHigh) = Range(lexical.Select(c => (double)c.Score));
        var (denseLow, denseHigh) = Range(nearest.Select(c => (double)c.Similarity));
        var fused = new Dictionary<string, Fused>(lexical.Count + nearest.Count, StringComparer.Ordinal);
        foreach (var (article, document, score) in lexical)
        {
            var similarity = dense.Similarity(article.Id, query) ?? denseLow;
            fused[article.Id] = new Fused(article, document, ((1 - weight) * Scale(score, lexicalLow, lexicalHigh)) + (weight * Scale(similarity, denseLow, denseHigh)));
        }

        foreach (var (article, similarity) in nearest)
        {
            if (!fused.ContainsKey(article.Id) && similarity >= minSimilarity)
            {
                fused[article.Id] = new Fused(article, -1, weight * Scale(similarity, denseLow, denseHigh));
            }
        }

        return [.. fused.Values];
    }

    private static (double Low, double High) Range(IEnumerable<double> scores)
    {
        var low = double.MaxValue;
        var high = double.MinValue;
        foreach (var score in scores)
        {
            low = Math.Min(low, score);
            high = Math.Max(high, score);
        }

        return low > high ? (0, 0) : (low, high);
    }

    private static double Scale(double score, double low, double high) =>
        high > low ? Math.Clamp((score - low) / (high - low), 0, 1) : 1;
}
