namespace HelpWidget.Tests.Insights;

/// <summary>Where an article was opened from, as the session records it for each way the components open one.</summary>
public sealed class ArticleSourceRecordingTests
{
    [Fact]
    public async Task AFieldsHelp_ThatOpensThePanel_IsRecordedAsFieldHelp_EvenThoughTheOpeningStartsAHelpSession()
    {
        await using var host = await InsightsHost.StartAsync();
        var (scope, session) = host.NewUser();
        using (scope)
        {
            // The field's help asks first; the panel opens (a new help session) and then shows the article.
            _ = session.ShowArticleAsync("expense-mileage", HelpArticleSource.FieldHelp);
            session.RecordOpened();
            session.RecordArticle("expense-mileage", "en");
        }

        var events = await host.Sink.WaitForAsync(e => e.Any(x => x.Kind == HelpEventKind.ArticleViewed));

        Assert.Equal([HelpEventKind.SessionStarted, HelpEventKind.ArticleViewed], events.Select(e => e.Kind));
        Assert.Equal(HelpArticleSource.FieldHelp, events[1].Source);
    }

    [Fact]
    public async Task TheExpectedSource_CountsForOneArticleOnly_AndAnExplicitSourceWins()
    {
        await using var host = await InsightsHost.StartAsync();
        var (scope, session) = host.NewUser();
        using (scope)
        {
            session.RecordOpened();
            _ = session.ShowArticleAsync("vpn-connect");
            session.RecordArticle("vpn-connect", "en");
            session.RecordArticle("vpn-reset", "en", HelpArticleSource.Related);
            _ = session.ShowArticleAsync("printer", HelpArticleSource.FieldHelp);
            session.RecordArticle("printer-queue", "en", HelpArticleSource.Suggestion);
            session.RecordArticle("printer-jam", "en");
        }

        var events = await host.Sink.WaitForAsync(e => e.Count(x => x.Kind == HelpEventKind.ArticleViewed) == 4);

        Assert.Equal(
            [HelpArticleSource.DeepLink, HelpArticleSource.Related, HelpArticleSource.Suggestion, HelpArticleSource.Unknown],
            events.Where(e => e.Kind == HelpEventKind.ArticleViewed).Select(e => e.Source));
    }
}
