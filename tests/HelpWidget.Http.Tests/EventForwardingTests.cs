using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using HelpWidget.Testing;

namespace HelpWidget.Http.Tests;

/// <summary>
/// An app that uses a help server sends its insight events to the server's store through <c>POST events</c>: the
/// forwarder <c>AddHelpServer()</c> registers, against a real help server on 127.0.0.1. Alone: it counts the package's
/// static meters.
/// </summary>
[Collection(nameof(HelpServerTelemetryTests))]
public sealed class EventForwardingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Forwarder_SendsBatchesOfAHundred_ForTheSignedInUser_NeverTheUserKeyTheEventsCarry()
    {
        using var sent = new MetricCollector<long>(null, "HelpWidget.Http", "helpwidget.http.events.sent");
        var received = new CapturingHelpEventSink("http-test");
        await using var server = await TestHelpServer.StartAsync(TestData.Articles, services: s => s.AddSingleton<IHelpEventSink>(received), cancellationToken: Token);
        await using var client = new TestClient(server.Address);
        var forwarder = Forwarder(client);

        client.SignIn.User = new HelpUser { Id = "erik" };
        await forwarder.WriteAsync([.. Enumerable.Range(0, 150).Select(i => Contact("/erik", i, userKey: "attacker-chosen-key"))], Token);
        client.SignIn.User = new HelpUser { Id = "karin" };
        await forwarder.WriteAsync([Contact("/karin", 0, userKey: "attacker-chosen-key")], Token);

        var events = await received.WaitForAsync(e => e.Count(x => x.Route is "/erik" or "/karin") == 151);
        var erik = events.Where(e => e.Route == "/erik").ToList();
        Assert.Equal(150, erik.Count);
        Assert.Single(erik.Select(e => e.UserKey).Distinct());
        Assert.NotEqual(erik[0].UserKey, events.Single(e => e.Route == "/karin").UserKey);
        Assert.DoesNotContain(events, e => e.UserKey == "attacker-chosen-key");
        Assert.Equal([100, 50, 1], sent.GetMeasurementSnapshot().Select(m => m.Value));
    }

    [Fact]
    public async Task Forwarder_SendsEveryKindWithItsFields_AndARouteTheScrubberChanged_AsAPath()
    {
        var received = new CapturingHelpEventSink("http-test");
        await using var server = await TestHelpServer.StartAsync(TestData.Articles, services: s => s.AddSingleton<IHelpEventSink>(received), cancellationToken: Token);
        await using var client = new TestClient(server.Address);
        var at = DateTimeOffset.UtcNow;
        HelpEvent Event(HelpEventKind kind, string? articleId = null, string? query = null, int? count = null, HelpArticleSource source = HelpArticleSource.Unknown, bool? helpful = null, string? reason = null, string? announcement = null) => new()
        {
            Kind = kind, OccurredAt = at, UserKey = "k", SessionId = "0123456789abcdef0123456789abcdef", Language = "sv", Route = "/people/[personal number]/leave",
            ArticleId = articleId, Query = query, ResultCount = count, Source = source, Helpful = helpful, Reason = reason, AnnouncementId = announcement,
        };
        HelpEvent[] events =
        [
            Event(HelpEventKind.SessionStarted),
            Event(HelpEventKind.Search, query: "vpn", count: 3),
            Event(HelpEventKind.ZeroResultSearch, query: "xyzzy", count: 0),
            Event(HelpEventKind.SuggestionShown, count: 2),
            Event(HelpEventKind.ArticleViewed, articleId: "vpn", source: HelpArticleSource.Related),
            Event(HelpEventKind.Vote, articleId: "vpn", helpful: false, reason: "unclear"),
            Event(HelpEventKind.ContactStarted),
            Event(HelpEventKind.DeflectionConfirmed, articleId: "vpn"),
            Event(HelpEventKind.TicketCreated),
            Event(HelpEventKind.AnnouncementShown, announcement: "printer-outage"),
            Event(HelpEventKind.AnnouncementDismissed, announcement: "printer-outage"),
        ];

        await Forwarder(client).WriteAsync(events, Token);

        var arrived = await received.WaitForAsync(e => e.Count == events.Length);
        Assert.Equal(events.Select(e => e.Kind), arrived.Select(e => e.Kind));
        Assert.All(arrived, e => Assert.Equal(("/people/[personal%20number]/leave", "sv"), (e.Route, e.Language)));
        Assert.Equal(("vpn", 3), (arrived[1].Query, arrived[1].ResultCount));
        Assert.Equal(("xyzzy", 0), (arrived[2].Query, arrived[2].ResultCount));
        Assert.Equal(2, arrived[3].ResultCount);
        Assert.Equal(("vpn", HelpArticleSource.Related), (arrived[4].ArticleId, arrived[4].Source));
        Assert.Equal((false, "unclear"), (arrived[5].Helpful, arrived[5].Reason));
        Assert.Equal("vpn", arrived[7].ArticleId);
        Assert.Equal("printer-outage", arrived[10].AnnouncementId);
        Assert.Single(arrived.Select(e => e.SessionId).Distinct());
    }

    [Fact]
    public async Task Forwarder_ServerFailing_ThrowsForTheWriterToCount_AndCountsTheEventsDropped()
    {
        using var dropped = new MetricCollector<long>(null, "HelpWidget.Http", "helpwidget.http.events.dropped");
        await using var server = await TestHelpServer.StartAsync(TestData.Articles, cancellationToken: Token);
        await using var client = new TestClient(server.Address, o => o.MaxRetryAttempts = 0);
        server.Failing = true;

        await Assert.ThrowsAsync<HelpServerException>(() => Forwarder(client).WriteAsync([Contact("/x", 0), Contact("/x", 1)], Token));

        var measurement = Assert.Single(dropped.GetMeasurementSnapshot());
        Assert.Equal((2, "unavailable"), (measurement.Value, measurement.Tags["helpwidget.drop.reason"]));
    }

    [Fact]
    public async Task Forwarder_SimulatedEvents_StayLocal()
    {
        var received = new CapturingHelpEventSink("http-test");
        await using var server = await TestHelpServer.StartAsync(TestData.Articles, services: s => s.AddSingleton<IHelpEventSink>(received), cancellationToken: Token);
        await using var client = new TestClient(server.Address);

        var before = server.Requests;

        await Forwarder(client).WriteAsync([Contact("/simulated", 0, simulated: true)], Token);

        Assert.Equal(before, server.Requests);
        await Forwarder(client).WriteAsync([Contact("/simulated", 1, simulated: true), Contact("/real", 0)], Token);
        var arrived = await received.WaitForAsync(e => e.Any(x => x.Route == "/real"));
        Assert.DoesNotContain(arrived, e => e.Route == "/simulated");
    }

    private static IHelpEventSink Forwarder(TestClient client) => Assert.Single(client.Services.GetServices<IHelpEventSink>(), s => s.Name == "help-server");

    private static HelpEvent Contact(string route, int i, string userKey = "k", bool simulated = false) => new()
    {
        IsSimulated = simulated,
        Kind = HelpEventKind.ContactStarted,
        OccurredAt = DateTimeOffset.UtcNow,
        UserKey = userKey,
        SessionId = $"session{i:D4}abcdefabcdefabcdef",
        Route = route,
    };
}
