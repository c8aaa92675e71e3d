using HelpWidget.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Tests.Insights;

public sealed class HelpEventRecordingTests
{
    private static readonly TicketReceipt s_receipt = new() { Reference = "HW-1", SubmittedAt = InsightsHost.Start, Created = true };

    [Fact]
    public async Task ASessionsActions_AreRecordedInOrder_WithThePageTheLanguageAndWhereArticlesCameFrom()
    {
        await using var host = await InsightsHost.StartAsync();
        var (scope, session) = host.NewUser(new HelpUser { Id = "alex-42", DisplayName = "Alex", Email = "alex@example.se" });
        using (scope)
        {
            session.RecordOpened();
            session.Context.Resolve("/expenses/new");
            session.RecordSearch("v", 9);
            session.RecordSearch("vpn", 3);
            host.Time.Advance(TimeSpan.FromSeconds(5));
            session.RecordArticle("vpn-connect", "sv");
            session.RecordVote(new ArticleFeedback { ArticleId = "vpn-connect", Language = "sv", Helpful = false, Reason = "outdated", Comment = "call me on 070-123 45 67", CreatedAt = host.Time.GetUtcNow() });
            session.RecordContactStarted();
            session.RecordContactStarted();
            session.RecordDeflection("reset-password");
            session.RecordTicket(s_receipt);
            session.RecordTicket(new TicketReceipt { Reference = "HW-1", SubmittedAt = InsightsHost.Start, Created = false });
        }

        var events = await host.Sink.WaitForAsync(e => e.Any(x => x.Kind == HelpEventKind.TicketCreated));

        Assert.Equal(
            [HelpEventKind.SessionStarted, HelpEventKind.Search, HelpEventKind.ArticleViewed, HelpEventKind.Vote, HelpEventKind.ContactStarted, HelpEventKind.DeflectionConfirmed, HelpEventKind.TicketCreated],
            events.Select(e => e.Kind));
        Assert.Single(events.Select(e => e.SessionId).Distinct());
        Assert.Single(events.Select(e => e.UserKey).Distinct());
        Assert.Equal(("vpn", 3), (events[1].Query, events[1].ResultCount));
        Assert.Equal(("vpn-connect", HelpArticleSource.Search, "sv"), (events[2].ArticleId, events[2].Source, events[2].Language));
        Assert.Equal((false, "outdated"), (events[3].Helpful, events[3].Reason));
        Assert.All(events.Skip(1), e => Assert.Equal("/expenses/new", e.Route));
        Assert.Equal(InsightsHost.Start.AddSeconds(5), events[2].OccurredAt);
    }

    [Fact]
    public async Task TheUser_IsAKeyedHash_TheSameAcrossSessions_AndNeverTheIdNameOrAddress()
    {
        await using var host = await InsightsHost.StartAsync(b => b.AddHelpInsights(o => o.UserKeySecret = Convert.ToBase64String(new byte[32])));
        var alex = new HelpUser { Id = "alex-42", DisplayName = "Alex Andersson", Email = "alex@example.se" };
        foreach (var user in new[] { alex, alex, null, null })
        {
            var (scope, session) = host.NewUser(user);
            using (scope)
            {
                session.RecordOpened();
            }
        }

        var events = await host.Sink.WaitForAsync(e => e.Count == 4);

        var keys = events.Select(e => e.UserKey).ToList();
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(3, keys.Distinct().Count());
        Assert.All(keys, key => Assert.Matches("^[0-9a-f]{32}$", key));
        Assert.Equal(4, events.Select(e => e.SessionId).Distinct().Count());
        var text = System.Text.Json.JsonSerializer.Serialize(events);
        Assert.DoesNotContain("alex", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Andersson", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThirtyMinutesOfInactivity_StartsANewHelpSession_AndLessDoesNot()
    {
        await using var host = await InsightsHost.StartAsync();
        var (scope, session) = host.NewUser();
        using (scope)
        {
            session.RecordOpened();
            host.Time.Advance(TimeSpan.FromMinutes(29) + TimeSpan.FromSeconds(59));
            session.RecordArticle("a", "en");
            host.Time.Advance(TimeSpan.FromMinutes(30));
            session.RecordArticle("b", "en");
        }

        var events = await host.Sink.WaitForAsync(e => e.Count(x => x.Kind == HelpEventKind.ArticleViewed) == 2);

        Assert.Equal([HelpEventKind.SessionStarted, HelpEventKind.ArticleViewed, HelpEventKind.SessionStarted, HelpEventKind.ArticleViewed], events.Select(e => e.Kind));
        Assert.Equal(events[0].SessionId, events[1].SessionId);
        Assert.NotEqual(events[1].SessionId, events[2].SessionId);
        Assert.Equal(events[2].SessionId, events[3].SessionId);
        Assert.Equal(events[0].UserKey, events[3].UserKey);
    }

    [Fact]
    public async Task SearchesThatRefineEachOther_AreOneSearch_AndADifferentSearchIsAnother_ZeroResultsMarked()
    {
        await using var host = await InsightsHost.StartAsync();
        var (scope, session) = host.NewUser();
        using (scope)
        {
            session.RecordSearch("P", 20);
            session.RecordSearch("Printer   Offline", 0);
            session.RecordSearch("vpn", 2);
        }

        var events = await host.Sink.WaitForAsync(e => e.Count(x => x.Query == "vpn") == 1);

        Assert.Equal(
            [(HelpEventKind.SessionStarted, null, null), (HelpEventKind.ZeroResultSearch, "printer offline", 0), (HelpEventKind.Search, "vpn", 2)],
            events.Select(e => (e.Kind, e.Query, e.ResultCount)));
    }

    [Fact]
    public async Task ArticlesOpenedByTheApp_AreDeepLinks_AndWithoutASearch_Unknown()
    {
        await using var host = await InsightsHost.StartAsync();
        var (scope, session) = host.NewUser();
        using (scope)
        {
            await session.ShowArticleAsync("vpn-connect");
            session.RecordArticle("vpn-connect", "en");
            session.RecordArticle("printer-queue", "en");
            await session.ShowArticleAsync("expenses", HelpArticleSource.FieldHelp);
            session.RecordArticle("expenses", "en");
        }

        var events = await host.Sink.WaitForAsync(e => e.Count(x => x.Kind == HelpEventKind.ArticleViewed) == 3);

        Assert.Equal(
            [HelpArticleSource.DeepLink, HelpArticleSource.Unknown, HelpArticleSource.FieldHelp],
            events.Where(e => e.Kind == HelpEventKind.ArticleViewed).Select(e => e.Source));
    }

    [Fact]
    public async Task TheContactFormsContext_MarksTheContactStarted_OncePerTicket()
    {
        await using var host = await InsightsHost.StartAsync();
        var factory = host.Services.GetRequiredService<TicketContextFactory>();
        var (scope, session) = host.NewUser();
        using (scope)
        {
            factory.Create(session, "/travel", "en");
            factory.Create(session, "/travel", "en");
            session.RecordTicket(s_receipt);
            factory.Create(session, "/travel", "en");
        }

        var events = await host.Sink.WaitForAsync(e => e.Count(x => x.Kind == HelpEventKind.ContactStarted) == 2);

        Assert.Equal(
            [HelpEventKind.SessionStarted, HelpEventKind.ContactStarted, HelpEventKind.TicketCreated, HelpEventKind.ContactStarted],
            events.Select(e => e.Kind));
    }

    [Fact]
    public async Task WithoutAStoreOrSink_NothingIsRecorded_AndTheSessionWorksAsBefore()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget();
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var session = scope.ServiceProvider.GetRequiredService<HelpSession>();

        session.RecordSearch("vpn", 1);

        Assert.False(provider.GetRequiredService<HelpEventRecorder>().IsEnabled);
        Assert.False(provider.GetRequiredService<HelpEventRecorder>().Reader.TryRead(out _));
        Assert.Equal(["vpn (1)"], session.Activity.Searches);
    }

    [Fact]
    public async Task RecordingCanBeSwitchedOff()
    {
        await using var host = await InsightsHost.StartAsync(b => b.AddHelpInsights(o => o.Enabled = false));

        Assert.False(host.Services.GetRequiredService<HelpEventRecorder>().IsEnabled);
    }

    [Fact]
    public async Task PersonalDataInASearchARouteOrAReason_IsScrubbedBeforeAnySinkSeesIt()
    {
        await using var host = await InsightsHost.StartAsync();
        var (scope, session) = host.NewUser();
        using (scope)
        {
            session.Context.Resolve("/users/anna@example.se");
            session.RecordSearch("Password for ANNA@example.se 811218-9876", 0);
            session.RecordVote(new ArticleFeedback { ArticleId = "a", Language = "en", Helpful = false, Reason = "call +46 70 123 45 67", CreatedAt = InsightsHost.Start });
        }

        var events = await host.Sink.WaitForAsync(e => e.Any(x => x.Kind == HelpEventKind.Vote));

        var search = events.Single(e => e.Kind == HelpEventKind.ZeroResultSearch);
        Assert.Equal("password for [e-mail] [personal number]", search.Query);
        Assert.Equal("/users/[e-mail]", search.Route);
        Assert.Equal("call [phone]", events.Single(e => e.Kind == HelpEventKind.Vote).Reason);
    }

    [Fact]
    public async Task AnnouncementsShown_AreRecordedOncePerSession_WithoutStartingAHelpSession()
    {
        await using var host = await InsightsHost.StartAsync();
        var (scope, session) = host.NewUser();
        using (scope)
        {
            session.RecordAnnouncementShown("outage");
            session.RecordAnnouncementShown("outage");
            session.RecordAnnouncementDismissed("outage");
        }

        var events = await host.Sink.WaitForAsync(e => e.Any(x => x.Kind == HelpEventKind.AnnouncementDismissed));

        Assert.Equal([HelpEventKind.AnnouncementShown, HelpEventKind.AnnouncementDismissed], events.Select(e => e.Kind));
        Assert.Equal("outage", events[0].AnnouncementId);
    }
}
