using HelpWidget.Eval;

namespace HelpWidget.RealContent.Tests;

/// <summary>
/// The product's engine never ranks worse than plain BM25 on the shared evaluation sets (clean, misspelt and
/// half-typed queries). Quality figures are reported by the evaluation command; this guards against regressions.
/// </summary>
public sealed class SearchQualityTests
{
    [Theory]
    [InlineData("stackfaq", "queries.jsonl")]
    [InlineData("stackfaq", "queries_typo.jsonl")]
    [InlineData("stackfaq", "queries_prefix.jsonl")]
    [InlineData("swefaq-dev", "queries.jsonl")]
    [InlineData("swefaq-dev", "queries_typo.jsonl")]
    [InlineData("swefaq-dev", "queries_prefix.jsonl")]
    public async Task ProductEngine_RanksAtLeastAsWellAsPlainBm25(string set, string queries)
    {
        var dataset = Dataset.Load(SharedData.EvalSet(set), queries);
        using var baselineEngine = new BaselineEngine(dataset);
        using var productEngine = await ProductEngine.CreateAsync(dataset);

        var baseline = await Evaluation.RunAsync(dataset, baselineEngine);
        var product = await Evaluation.RunAsync(dataset, productEngine);

        Assert.True(product.RecallAt1 >= baseline.RecallAt1, $"R@1 {product.RecallAt1} < baseline {baseline.RecallAt1}");
        Assert.True(product.RecallAt5 >= baseline.RecallAt5, $"R@5 {product.RecallAt5} < baseline {baseline.RecallAt5}");
    }
}
