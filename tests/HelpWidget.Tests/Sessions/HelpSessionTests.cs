using System.Reflection;

namespace HelpWidget.Tests.Sessions;

public sealed class HelpSessionTests
{
    [Fact]
    public void RecordSearch_TypingOn_ReplacesTheRefinedQuery_AndEveryStepRaisesSearchedWithItsText()
    {
        var session = new HelpSession();
        var events = new List<HelpSearchedEventArgs>();
        session.Searched += (_, e) => events.Add(e);

        session.RecordSearch("vp", 0);
        session.RecordSearch("vpn ", 3);
        session.RecordSearch("printer", 2);

        Assert.Equal(["vpn (3)", "printer (2)"], session.Activity.Searches);
        Assert.Equal([("vp", 0), ("vpn", 3), ("printer", 2)], events.Select(e => (e.Query, e.ResultCount)));
    }

    [Fact]
    public void RecordArticle_RaisesArticleViewed_WithTheLanguageShown()
    {
        var session = new HelpSession();
        HelpArticleViewedEventArgs? seen = null;
        session.ArticleViewed += (_, e) => seen = e;

        session.RecordArticle("vpn-connect", "sv");

        Assert.Equal(("vpn-connect", "sv"), (seen?.ArticleId, seen?.Language));
        Assert.Equal(["vpn-connect"], session.Activity.Articles);
    }

    [Fact]
    public void RecordVote_RaisesVoted_WithTheStoredAnswer()
    {
        var session = new HelpSession();
        var feedback = new ArticleFeedback { ArticleId = "a", Language = "en", Helpful = false, Reason = "confusing", CreatedAt = DateTimeOffset.UnixEpoch };
        HelpVotedEventArgs? seen = null;
        session.Voted += (_, e) => seen = e;

        session.RecordVote(feedback);

        Assert.Same(feedback, seen?.Feedback);
        Assert.Equal(("a", false), (seen?.ArticleId, seen?.Helpful));
    }

    [Fact]
    public void RecordDeflection_CountsIt_AndRaisesDeflectedWithTheArticle()
    {
        var session = new HelpSession();
        var seen = new List<string>();
        session.Deflected += (_, e) => seen.Add(e.ArticleId);

        session.RecordDeflection("printer-queue");

        Assert.Equal(["printer-queue"], seen);
        Assert.Equal(1, session.Activity.Deflections);
    }

    [Fact]
    public void RecordTicket_RaisesTicketCreatedWithTheReceipt()
    {
        var session = new HelpSession();
        var receipt = new TicketReceipt { Reference = "HW-000042", SubmittedAt = DateTimeOffset.UnixEpoch, Created = true };
        HelpTicketCreatedEventArgs? seen = null;
        session.TicketCreated += (_, e) => seen = e;

        session.RecordTicket(receipt);

        Assert.Same(receipt, seen?.Receipt);
    }

    [Fact]
    public void OpenedAndClosed_AreRaisedOncePerChange()
    {
        var session = new HelpSession();
        var seen = new List<string>();
        session.Opened += (_, _) => seen.Add("opened");
        session.Closed += (_, _) => seen.Add("closed");

        session.RecordOpened();
        session.RecordOpened();
        Assert.True(session.IsOpen);
        session.RecordClosed();
        session.RecordClosed();

        Assert.Equal(["opened", "closed"], seen);
        Assert.False(session.IsOpen);
    }

    [Fact]
    public async Task Requests_WithoutAPanel_WaitForTheFirstOne_AndOnlyTheLatestIsKept()
    {
        var session = new HelpSession();

        await session.SearchAsync("vpn");
        await session.ShowArticleAsync("vpn-connect");

        Assert.Equal(new HelpPanelRequest(HelpPanelAction.ShowArticle) { ArticleId = "vpn-connect" }, session.TakePendingRequest());
        Assert.Null(session.TakePendingRequest());
    }

    [Fact]
    public async Task Requests_WithAPanel_AreHandedToIt()
    {
        var session = new HelpSession();
        var requests = new List<HelpPanelRequest>();
        session.Requested += r =>
        {
            requests.Add(r);
            return Task.CompletedTask;
        };

        await session.StartContactAsync("Printer", "Stuck");
        await session.CloseAsync();

        Assert.Equal([HelpPanelAction.Contact, HelpPanelAction.Close], requests.Select(r => r.Action));
        Assert.Equal("Printer", requests[0].Subject);
        Assert.Null(session.TakePendingRequest());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Requests_EmptyQueryOrArticle_AreRefusedWithTheArgumentsName(string value)
    {
        var session = new HelpSession();

        await Assert.ThrowsAsync<ArgumentException>("query", () => session.SearchAsync(value));
        await Assert.ThrowsAsync<ArgumentException>("articleId", () => session.ShowArticleAsync(value));
        Assert.Null(session.TakePendingRequest());
    }

    [Fact]
    public void PublicSurface_LetsAnAppDriveAndObserve_ButNotRecordOrReachTheWidgetsState()
    {
        var types = new[] { typeof(HelpSession), typeof(HelpSessionActivity), typeof(HelpSessionContext) };

        var writable = types
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name.StartsWith("Record", StringComparison.Ordinal) || m.Name.StartsWith("Add", StringComparison.Ordinal)
                || m.Name is "Items" or "Requested" or "TakePendingRequest")
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");

        Assert.Empty(writable);
        Assert.All(types.SelectMany(t => t.GetProperties()).Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)), p => Assert.Null(p.SetMethod));
        Assert.DoesNotContain(typeof(HelpSessionActivity).GetConstructors(), c => c.IsPublic);
    }
}
