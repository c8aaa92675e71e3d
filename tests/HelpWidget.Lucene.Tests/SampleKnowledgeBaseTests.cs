using HelpWidget.Markdown;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpWidget.Lucene.Tests;

/// <summary>The questions an intranet help desk hears most find the right article of the sample knowledge base.</summary>
public sealed class SampleKnowledgeBaseTests : IAsyncLifetime
{
    private LuceneKnowledgeProvider _provider = default!;

    public async ValueTask InitializeAsync()
    {
        var folder = Path.Combine(RepositoryRoot(), "samples", "HelpWidget.Samples.Intranet", "KnowledgeBase");
        var source = new MarkdownArticleSource(Options.Create(new MarkdownContentOptions { ArticlesPath = folder }), NullLogger<MarkdownArticleSource>.Instance);
        Assert.True((await source.LoadArticlesAsync()).Count >= 60);
        _provider = new LuceneKnowledgeProvider(
            source,
            NullLogger<LuceneKnowledgeProvider>.Instance,
            Options.Create(new LuceneSearchOptions { SynonymsPath = Path.Combine(folder, "synonyms") }));
    }

    public ValueTask DisposeAsync()
    {
        _provider.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("en", "forgot my password", "password-reset")]
    [InlineData("en", "account locked", "account-lockout")]
    [InlineData("en", "new phone authenticator", "mfa-new-phone")]
    [InlineData("en", "vpn not connecting", "vpn-troubleshoot")]
    [InlineData("en", "printer jam", "printer-stuck-queue")]
    [InlineData("en", "lost my receipt", "expense-missing-receipt")]
    [InlineData("en", "mileage", "expense-mileage")]
    [InlineData("en", "how many vacation days do I have left", "leave-balance")]
    [InlineData("en", "no sound in teams", "teams-meeting-audio")]
    [InlineData("en", "out of office reply", "out-of-office")]
    [InlineData("en", "guest wifi", "wifi-guest")]
    [InlineData("sv", "glömt lösenordet", "password-reset")]
    [InlineData("sv", "sjukanmälan", "leave-sick")]
    [InlineData("sv", "milersättning", "expense-mileage")]
    [InlineData("sv", "semester ansökan", "leave-vacation-request")]
    [InlineData("sv", "tappat mobilen", "phone-lost")]
    public async Task SearchAsync_CommonQuestion_FindsTheArticleInTheTopThree(string language, string query, string expected)
    {
        var results = await _provider.SearchAsync(new SearchRequest { Query = query, Language = language }, TestContext.Current.CancellationToken);

        Assert.Contains(expected, results.Hits.Take(3).Select(h => h.Id));
    }

    [Theory]
    [InlineData("/expenses/new", "expense-claim-submit")]
    [InlineData("/leave", "leave-vacation-request")]
    [InlineData("/profile", "password-reset")]
    public async Task SuggestAsync_SamplePage_SuggestsItsArticles(string route, string expected)
    {
        var results = await _provider.SuggestAsync(new SearchRequest { Context = new HelpContext { Route = route }, MaxResults = 5 }, TestContext.Current.CancellationToken);

        Assert.Contains(expected, results.Hits.Select(h => h.Id));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HelpWidget.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HelpWidget.sln not found above the test's folder.");
    }
}
