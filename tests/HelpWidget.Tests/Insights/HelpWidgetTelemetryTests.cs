using HelpWidget.Insights;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.DependencyInjection;
using HelpWidget.Testing;

namespace HelpWidget.Tests.Insights;

[Collection(nameof(TelemetryTests))]
public sealed class HelpWidgetTelemetryTests
{
    private static MetricCollector<long> Collect(string instrument) => new(null, HelpWidgetTelemetry.Name, instrument);

    [Fact]
    public async Task SessionActions_AreCounted_WithoutPersonalDataInTags()
    {
        using var searches = Collect("helpwidget.searches");
        using var zero = Collect("helpwidget.searches.zero_results");
        using var views = Collect("helpwidget.article.views");
        using var votes = Collect("helpwidget.votes");
        using var tickets = Collect("helpwidget.tickets");
        using var deflections = Collect("helpwidget.deflections");
        await using var host = await InsightsHost.StartAsync();
        var (scope, session) = host.NewUser(new HelpUser { Id = "alex", Email = "alex@example.se" });
        using (scope)
        {
            session.RecordSearch("alex@example.se", 0);
            session.RecordSearch("vpn", 2);
            session.RecordArticle("vpn-connect", "sv");
            session.RecordVote(new ArticleFeedback { ArticleId = "vpn-connect", Language = "sv", Helpful = false, CreatedAt = InsightsHost.Start });
            session.RecordDeflection("vpn-connect");
            session.RecordTicket(new TicketReceipt { Reference = "HW-1", SubmittedAt = InsightsHost.Start, Created = true });
        }

        Assert.Equal(2, searches.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, zero.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.True(views.LastMeasurement!.ContainsTags(new KeyValuePair<string, object?>("helpwidget.language", "sv")));
        Assert.True(votes.LastMeasurement!.ContainsTags(new KeyValuePair<string, object?>("helpwidget.vote.helpful", false)));
        Assert.Equal((1, 1), (tickets.GetMeasurementSnapshot().EvaluateAsCounter(), deflections.GetMeasurementSnapshot().EvaluateAsCounter()));
        var tags = new[] { searches, zero, views, votes, tickets, deflections }
            .SelectMany(c => c.GetMeasurementSnapshot())
            .SelectMany(m => m.Tags.Values)
            .Select(v => v?.ToString() ?? string.Empty);
        Assert.DoesNotContain(tags, v => v.Contains("alex", StringComparison.Ordinal) || v.Contains("vpn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFullBuffer_DropsAndCountsEvents_WithoutSlowingOrBreakingTheUsersAction()
    {
        using var dropped = Collect("helpwidget.insights.events.dropped");
        await using var host = await InsightsHost.StartAsync(b => b.AddHelpInsights(o => o.BufferCapacity = 100), startWriter: false);
        var (scope, session) = host.NewUser();
        using (scope)
        {
            for (var i = 0; i < 150; i++)
            {
                session.RecordArticle("article-" + i, "en");
            }
        }

        // 1 session start and 150 views met a buffer of 100, and nothing read it.
        Assert.Equal(51, dropped.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.True(dropped.LastMeasurement!.ContainsTags(new KeyValuePair<string, object?>("helpwidget.drop.reason", "buffer_full")));
        Assert.Equal(HelpSessionActivity.MaxEntries, session.Activity.Articles.Count);
    }

    [Fact]
    public async Task AFailingSink_LosesItsBatch_Counted_WhileAnotherSinkStillReceivesIt()
    {
        using var dropped = Collect("helpwidget.insights.events.dropped");
        using var written = Collect("helpwidget.insights.events.written");
        var failing = new CapturingHelpEventSink("broken") { OnWrite = _ => throw new IOException("disk full") };
        await using var host = await InsightsHost.StartAsync(b => b.AddHelpEventSink(failing));
        var (scope, session) = host.NewUser();
        using (scope)
        {
            session.RecordArticle("a", "en");
        }

        await host.Sink.WaitForAsync(e => e.Count == 2);
        // The sinks are written one after the other and each is counted after its write returns, so wait for both counts.
        await dropped.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(10));
        await written.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(10));

        Assert.Empty(failing.Events);
        Assert.Equal(2, dropped.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.True(dropped.LastMeasurement!.ContainsTags(new KeyValuePair<string, object?>("helpwidget.sink", "broken"), new KeyValuePair<string, object?>("helpwidget.drop.reason", "sink_failed")));
        Assert.Equal(2, written.GetMeasurementSnapshot().EvaluateAsCounter());
    }
}
