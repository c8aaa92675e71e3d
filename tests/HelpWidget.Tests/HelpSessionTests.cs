namespace HelpWidget.Tests;

public sealed class HelpSessionTests
{
    [Fact]
    public void RecordSearch_TypingOn_ReplacesTheRefinedQuery_AndEveryStepRaisesSearched()
    {
        var session = new HelpSession();
        var events = new List<HelpSearchEvent>();
        session.Searched += (_, e) => events.Add(e);

        session.RecordSearch("vp", 0);
        session.RecordSearch("vpn", 3);
        session.RecordSearch("printer", 2);

        Assert.Equal(["vpn (3)", "printer (2)"], session.Searches);
        Assert.Equal(3, events.Count);
    }

    [Fact]
    public void Records_KeepOnlyTheLatestEntries()
    {
        var session = new HelpSession();

        for (var i = 0; i < HelpSession.MaxEntries + 5; i++)
        {
            session.RecordArticle($"a{i}", "en");
            session.RecordVote(new ArticleFeedback { ArticleId = $"a{i}", Language = "en", Helpful = true, CreatedAt = DateTimeOffset.UnixEpoch });
        }

        Assert.Equal(HelpSession.MaxEntries, session.Articles.Count);
        Assert.Equal("a5", session.Articles[0]);
        Assert.Equal(HelpSession.MaxEntries, session.Votes.Count);
    }

    [Fact]
    public void RecordVote_SecondAnswerForAnArticle_ReplacesTheFirst()
    {
        var session = new HelpSession();

        session.RecordVote(new ArticleFeedback { ArticleId = "a", Language = "en", Helpful = true, CreatedAt = DateTimeOffset.UnixEpoch });
        session.RecordVote(new ArticleFeedback { ArticleId = "a", Language = "en", Helpful = false, Reason = "confusing", CreatedAt = DateTimeOffset.UnixEpoch });

        Assert.False(Assert.Single(session.Votes).Helpful);
    }

    [Fact]
    public void Declare_Nested_JoinsContexts_AndDisposingRemovesOnlyItsOwn()
    {
        var session = new HelpSession();
        var changes = 0;
        session.ContextChanged += (_, _) => changes++;

        using var outer = session.Declare(new HelpContextDeclaration { Keys = ["expenses"], Topic = "Expenses" });
        var inner = session.Declare(new HelpContextDeclaration { Keys = ["Expenses", "mileage"], Tags = ["car"], Topic = "Mileage" });

        var context = session.CurrentContext("/expenses/new");
        Assert.Equal(["expenses", "mileage"], context.Keys);
        Assert.Equal(["car"], context.Tags);
        Assert.Equal("Mileage", session.CurrentTopic);

        inner.Dispose();
        inner.Dispose();

        Assert.Equal(["expenses"], session.CurrentContext("/").Keys);
        Assert.Equal("Expenses", session.CurrentTopic);
        Assert.Equal(3, changes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\tkey")]
    [InlineData("<script>\u0000")]
    public void Declare_BadKey_IsRefused(string key)
    {
        var session = new HelpSession();

        Assert.Throws<ArgumentException>("Keys", () => session.Declare(new HelpContextDeclaration { Keys = [key] }));
        Assert.Empty(session.Declarations);
    }

    [Fact]
    public void Declare_TooManyTags_OrLongTopic_IsRefused()
    {
        var session = new HelpSession();

        Assert.Throws<ArgumentException>("Tags", () => session.Declare(new HelpContextDeclaration { Tags = [.. Enumerable.Range(0, 21).Select(i => $"t{i}")] }));
        Assert.Throws<ArgumentException>("Topic", () => session.Declare(new HelpContextDeclaration { Topic = new string('x', 101) }));
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

    [Fact]
    public void OpenedAndClosed_AreRaisedOncePerChange()
    {
        var session = new HelpSession();
        var seen = new List<string>();
        session.Opened += (_, _) => seen.Add("opened");
        session.Closed += (_, _) => seen.Add("closed");

        session.RecordOpened();
        session.RecordOpened();
        session.RecordClosed();
        session.RecordClosed();

        Assert.Equal(["opened", "closed"], seen);
    }

    [Theory]
    [InlineData("Europe/Oslo", true)]
    [InlineData("America/Argentina/Buenos_Aires", true)]
    [InlineData("Etc/GMT+1", true)]
    [InlineData("", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("Europe/Oslo\r\nX: y", false)]
    [InlineData("<script>alert(1)</script>", false)]
    public void TimeZone_AcceptsOnlyTimeZoneIds(string value, bool valid)
    {
        var session = new HelpSession();

        if (valid)
        {
            session.TimeZone = value;
            Assert.Equal(value, session.TimeZone);
        }
        else
        {
            Assert.Throws<ArgumentException>(() => session.TimeZone = value);
            Assert.Null(session.TimeZone);
        }
    }

    [Fact]
    public void ValidContextValues_LeaveOutBadKeysAndValues_AndKeepAtMostTwenty()
    {
        var session = new HelpSession();
        for (var i = 0; i < 30; i++)
        {
            session.ContextValues[$"k{i}"] = "v";
        }

        session.ContextValues["k0"] = "bell\u0007";
        session.ContextValues["k1"] = new string('x', 1001);

        var valid = session.ValidContextValues().ToList();

        Assert.Equal(20, valid.Count);
        Assert.DoesNotContain(valid, e => e.Key is "k0" or "k1");
    }
}
