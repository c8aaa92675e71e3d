using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

/// <summary>What the search engine measures and traces. Alone: it counts the package's static meters.</summary>
[Collection(nameof(LuceneTelemetryTests))]
[CollectionDefinition(nameof(LuceneTelemetryTests), DisableParallelization = true)]
public sealed class LuceneTelemetryTests
{
    [Fact]
    public async Task Searches_AreCountedTimedAndTraced_ByLanguageAndOutcome_WithoutTheQuery()
    {
        using var searches = new MetricCollector<long>(null, "HelpWidget.Lucene", "helpwidget.lucene.searches");
        using var zero = new MetricCollector<long>(null, "HelpWidget.Lucene", "helpwidget.lucene.searches.zero_results");
        using var duration = new MetricCollector<double>(null, "HelpWidget.Lucene", "helpwidget.lucene.search.duration");
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "HelpWidget.Lucene",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var provider = new LuceneKnowledgeProvider(
            new TestArticleSource([Article("vpn-connect", "Connect to the VPN", "Start the VPN client and sign in.")]), NullLogger<LuceneKnowledgeProvider>.Instance);

        await provider.SearchAsync(new SearchRequest { Query = "vpn", Language = "en" }, TestContext.Current.CancellationToken);
        await provider.SearchAsync(new SearchRequest { Query = "anna@example.se zebra", Language = "<script>" }, TestContext.Current.CancellationToken);

        Assert.Equal(2, searches.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, zero.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(
            [("en", "hits"), ("other", "zero_results")],
            duration.GetMeasurementSnapshot().Select(m => ((string)m.Tags["helpwidget.language"]!, (string)m.Tags["helpwidget.outcome"]!)));
        Assert.All(duration.GetMeasurementSnapshot(), m => Assert.True(m.Value is >= 0 and < 10));
        Activity[] traced;
        lock (spans)
        {
            traced = [.. spans.Where(s => s.OperationName == "helpwidget.lucene.search")];
        }

        Assert.Equal([1, 0], traced.Select(a => (int)a.GetTagItem("helpwidget.search.result_count")!));
        Assert.DoesNotContain(traced.SelectMany(a => a.TagObjects), tag => tag.Value?.ToString()?.Contains("anna", StringComparison.Ordinal) == true || tag.Value?.ToString() == "vpn");
    }
}
