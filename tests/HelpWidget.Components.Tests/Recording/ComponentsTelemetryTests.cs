using System.Collections.Concurrent;
using System.Diagnostics;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace HelpWidget.Components.Tests.Recording;

/// <summary>
/// The package's meter and activity source, <c>HelpWidget.Components</c>, measured while the real panel is used. Alone:
/// the instruments are static, and other tests' panels would add to them.
/// </summary>
[Collection(nameof(ComponentsTelemetryTests))]
[CollectionDefinition(nameof(ComponentsTelemetryTests), DisableParallelization = true)]
public sealed class ComponentsTelemetryTests : HelpWidgetTestContext
{
    public ComponentsTelemetryTests()
    {
        Knowledge.OnSuggest = _ => Hits(("expense-mileage", "Claim mileage"));
        Knowledge.OnSearch = r => r.Query.Contains("vpn", StringComparison.Ordinal) ? Hits(("vpn-connect", "Connect to the VPN")) : SearchResults.Empty;
        Knowledge.OnGetArticle = r => r.ArticleId switch
        {
            "vpn-connect" => new HelpArticle { Id = "vpn-connect", Language = "en", Title = "Connect to the VPN", Summary = "VPN", Html = "<p>Body</p>", Related = ["vpn-reset"] },
            "vpn-reset" => Article("vpn-reset", "Reset your VPN token"),
            "expense-mileage" => Article("expense-mileage", "Claim mileage"),
            _ => null,
        };
    }

    [Fact]
    public async Task UsingThePanel_CountsOpensSuggestionsAndArticlesBySource_AndTimesSearches_WithoutTheQuery()
    {
        using var opens = new MetricCollector<long>(null, ComponentsTelemetry.Name, "helpwidget.components.panel.opens");
        using var suggestions = new MetricCollector<long>(null, ComponentsTelemetry.Name, "helpwidget.components.suggestions.shown");
        using var articles = new MetricCollector<long>(null, ComponentsTelemetry.Name, "helpwidget.components.articles.opened");
        using var searches = new MetricCollector<double>(null, ComponentsTelemetry.Name, "helpwidget.components.search.duration");
        var cut = Render<HelpLauncher>();
        var help = Render<HelpFieldHelp>(p => p.Add(h => h.ArticleId, "expense-mileage").Add(h => h.Label, "Category"));

        cut.FindButton("Help").Click();
        cut.FindButton("Claim mileage").Click();
        await cut.InvokeAsync(() => Services.GetRequiredService<HelpSession>().SearchAsync("vpn anna@example.com"));
        cut.FindButton("Connect to the VPN").Click();
        cut.WaitForAssertion(() => cut.FindButton("Reset your VPN token"));
        cut.FindButton("Reset your VPN token").Click();
        help.FindButton("Help with Category").Click();
        await cut.InvokeAsync(() => Services.GetRequiredService<HelpSession>().ShowArticleAsync("vpn-connect"));
        await cut.InvokeAsync(() => Services.GetRequiredService<HelpSession>().SearchAsync("nothing here"));

        Assert.Equal(1, opens.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, suggestions.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(
            ["suggestion", "search", "related", "field_help", "deep_link"],
            articles.GetMeasurementSnapshot().Select(m => (string)m.Tags["helpwidget.article.source"]!));
        var timed = searches.GetMeasurementSnapshot();
        Assert.Equal(["hits", "zero_results"], timed.Select(m => (string)m.Tags["helpwidget.outcome"]!));
        Assert.All(timed, m => Assert.InRange(m.Value, 0, 60));
        Assert.DoesNotContain(
            timed.SelectMany(m => m.Tags.Values).Concat(articles.GetMeasurementSnapshot().SelectMany(m => m.Tags.Values)),
            v => v?.ToString() is { } text && (text.Contains("vpn", StringComparison.OrdinalIgnoreCase) || text.Contains("anna", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ASearch_IsTraced_WithItsResultCountAndOutcome_NotItsText()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ComponentsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var cut = Render<HelpLauncher>();

        await cut.InvokeAsync(() => Services.GetRequiredService<HelpSession>().SearchAsync("vpn for 070-123 45 67"));

        var search = Assert.Single(activities, a => a.OperationName == "helpwidget.components.search");
        Assert.Equal(1, search.GetTagItem("helpwidget.search.result_count"));
        Assert.Equal("hits", search.GetTagItem("helpwidget.outcome"));
        Assert.DoesNotContain(search.TagObjects, t => t.Value?.ToString()?.Contains("vpn", StringComparison.Ordinal) == true);
    }
}
