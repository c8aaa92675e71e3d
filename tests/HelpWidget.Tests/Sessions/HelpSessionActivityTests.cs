namespace HelpWidget.Tests.Sessions;

public sealed class HelpSessionActivityTests
{
    [Fact]
    public void Records_KeepOnlyTheLatestEntries()
    {
        var session = new HelpSession();

        for (var i = 0; i < HelpSessionActivity.MaxEntries + 5; i++)
        {
            session.RecordArticle($"a{i}", "en");
            session.RecordVote(new ArticleFeedback { ArticleId = $"a{i}", Language = "en", Helpful = true, CreatedAt = DateTimeOffset.UnixEpoch });
        }

        Assert.Equal(HelpSessionActivity.MaxEntries, session.Activity.Articles.Count);
        Assert.Equal("a5", session.Activity.Articles[0]);
        Assert.Equal(HelpSessionActivity.MaxEntries, session.Activity.Votes.Count);
    }

    [Fact]
    public void RecordArticle_ReadAgain_MovesToTheEnd()
    {
        var session = new HelpSession();

        session.RecordArticle("a", "en");
        session.RecordArticle("b", "en");
        session.RecordArticle("a", "en");

        Assert.Equal(["b", "a"], session.Activity.Articles);
    }

    [Fact]
    public void RecordVote_SecondAnswerForAnArticle_ReplacesTheFirst()
    {
        var session = new HelpSession();

        session.RecordVote(new ArticleFeedback { ArticleId = "a", Language = "en", Helpful = true, CreatedAt = DateTimeOffset.UnixEpoch });
        session.RecordVote(new ArticleFeedback { ArticleId = "a", Language = "en", Helpful = false, Reason = "confusing", CreatedAt = DateTimeOffset.UnixEpoch });

        Assert.False(Assert.Single(session.Activity.Votes).Helpful);
    }

    [Fact]
    public void RecordSearch_LongQuery_IsKeptShortened()
    {
        var session = new HelpSession();

        session.RecordSearch(new string('q', 500), 0);

        Assert.Equal(new string('q', 200) + " (0)", Assert.Single(session.Activity.Searches));
    }

    [Fact]
    public void HasSelfService_OnceTheUserSearchedOrReadAnArticle()
    {
        var searched = new HelpSession();
        var read = new HelpSession();
        Assert.False(searched.Activity.HasSelfService);

        searched.RecordSearch("vpn", 0);
        read.RecordArticle("vpn-connect", "en");

        Assert.True(searched.Activity.HasSelfService);
        Assert.True(read.Activity.HasSelfService);
    }
}
