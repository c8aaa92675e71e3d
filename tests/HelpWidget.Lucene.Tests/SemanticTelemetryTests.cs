using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace HelpWidget.Lucene.Tests;

/// <summary>Searches answered by words alone although a generator is registered are counted, by reason. Alone: static meters.</summary>
[Collection(nameof(LuceneTelemetryTests))]
public sealed class SemanticTelemetryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fallbacks_AreCountedByReason_AndHybridSearchesCounted()
    {
        using var fallbacks = new MetricCollector<long>(null, "HelpWidget.Lucene", "helpwidget.lucene.semantic.fallbacks");
        using var hybrid = new MetricCollector<long>(null, "HelpWidget.Lucene", "helpwidget.lucene.semantic.searches");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failQueries = false;
        var generator = new TestEmbeddingGenerator
        {
            OnGenerate = (_, type, _) => type == "document" ? release.Task : failQueries ? throw new InvalidOperationException("down") : Task.CompletedTask,
        };
        using var provider = SemanticSearchTests.Create(new TestArticleSource(SemanticSearchTests.Articles), generator);

        await provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token);
        release.SetResult();
        await provider.WaitForVectorsAsync("en", Token);
        await provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token);
        failQueries = true;
        await provider.SearchAsync(new SearchRequest { Query = "holiday" }, Token);

        Assert.Equal(["not_ready", "error"], fallbacks.GetMeasurementSnapshot().Select(m => (string)m.Tags["helpwidget.reason"]!));
        Assert.Equal(1, hybrid.GetMeasurementSnapshot().EvaluateAsCounter());
    }
}
