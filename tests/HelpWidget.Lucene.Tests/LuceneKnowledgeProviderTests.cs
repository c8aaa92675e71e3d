using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

public sealed class LuceneKnowledgeProviderTests : IDisposable
{
    private static readonly HelpArticle[] s_articles =
    [
        Article("password-reset", "Reset your password", "Open the password portal and choose a new password. Your account unlocks at once.", contexts: ["/profile", "account"], tags: ["pwd"]),
        Article("vpn-connect", "Connect to the VPN", "Start the VPN client and sign in to reach internal systems from home.", contexts: ["/", "network"]),
        Article("expense-claim", "Submit an expense claim", "Attach the receipt and submit the claim for approval by your manager.", contexts: ["/expenses"]),
        Article("expense-approve", "Approve expense claims", "Managers approve their team's claims in the approval queue.", contexts: ["/expenses"], audiences: ["manager"]),
        Article("password-reset", "Byt ditt lösenord", "Öppna lösenordsportalen och välj ett nytt lösenord.", language: "sv", contexts: ["/profile"]),
    ];

    private readonly LuceneKnowledgeProvider _provider = new(new TestArticleSource(s_articles), NullLogger<LuceneKnowledgeProvider>.Instance);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task SearchAsync_WordForms_FindTheArticleWithTitleMatchFirst()
    {
        var results = await _provider.SearchAsync(new SearchRequest { Query = "resetting passwords" }, Token);

        Assert.Equal("password-reset", results.Hits[0].Id);
        Assert.Contains("<mark>password</mark>", results.Hits[0].SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_UnfinishedLastWord_MatchesByPrefix()
    {
        var results = await _provider.SearchAsync(new SearchRequest { Query = "expen" }, Token);

        Assert.Equal("expense-claim", results.Hits[0].Id);
    }

    [Fact]
    public async Task SearchAsync_Typo_StillFindsTheArticle()
    {
        var results = await _provider.SearchAsync(new SearchRequest { Query = "pasword portal " }, Token);

        Assert.Equal("password-reset", results.Hits[0].Id);
    }

    [Fact]
    public async Task SearchAsync_SwedishUser_GetsSwedishArticle_AndFallsBackToEnglish()
    {
        var swedish = await _provider.SearchAsync(new SearchRequest { Query = "lösenord", Language = "sv-SE" }, Token);
        var fallback = await _provider.SearchAsync(new SearchRequest { Query = "vpn", Language = "sv-SE" }, Token);

        Assert.Equal(("password-reset", "sv"), (swedish.Hits[0].Id, swedish.Hits[0].Language));
        Assert.Equal(("vpn-connect", "en"), (fallback.Hits[0].Id, fallback.Hits[0].Language));
    }

    [Fact]
    public async Task SearchAsync_ArticleWithAudience_IsHiddenFromOthers()
    {
        var anonymous = await _provider.SearchAsync(new SearchRequest { Query = "approve claims" }, Token);
        var manager = await _provider.SearchAsync(new SearchRequest { Query = "approve claims", User = new HelpUser { Audiences = ["Manager"] } }, Token);

        Assert.DoesNotContain(anonymous.Hits, h => h.Id == "expense-approve");
        Assert.Equal("expense-approve", manager.Hits[0].Id);
    }

    [Theory]
    [InlineData("\"password")]
    [InlineData("title:password AND body:*")]
    [InlineData("password~2^10 [a TO z] {x}")]
    [InlineData("(((((")]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("\\")]
    [InlineData("AND OR NOT")]
    [InlineData("<script>alert('x')</script> password")]
    [InlineData("🔑🔒 password 🙂")]
    [InlineData("pass\u0000word\u001b[31m")]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData("/expenses/../../etc/passwd")]
    public async Task SearchAsync_AnyText_NeverThrows(string query)
    {
        var results = await _provider.SearchAsync(new SearchRequest { Query = query }, Token);

        Assert.NotNull(results);
        Assert.All(results.Hits, h => Assert.DoesNotContain("<script", h.SnippetHtml, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SearchAsync_HugeQuery_IsCutAndAnswered()
    {
        var query = string.Join(' ', Enumerable.Repeat("password portal account vpn receipt claim", 500));

        var results = await _provider.SearchAsync(new SearchRequest { Query = query }, Token);

        Assert.NotEmpty(results.Hits);
    }

    [Fact]
    public async Task SearchAsync_SnippetOfArticleWithMarkup_IsEncoded()
    {
        using var provider = new LuceneKnowledgeProvider(
            new TestArticleSource(Article("x", "Markup", "Type <b onmouseover=alert(1)>password</b> & press enter")),
            NullLogger<LuceneKnowledgeProvider>.Instance);

        var results = await provider.SearchAsync(new SearchRequest { Query = "password" }, Token);

        Assert.Equal("Type &lt;b onmouseover=alert(1)&gt;<mark>password</mark>&lt;/b&gt; &amp; press enter", results.Hits[0].SnippetHtml);
    }

    [Fact]
    public async Task SuggestAsync_Route_PrefersArticlesOfThatRouteOverGeneralOnes()
    {
        var results = await _provider.SuggestAsync(new SearchRequest { Context = new HelpContext { Route = "/expenses/new" } }, Token);

        Assert.Equal(["expense-claim", "vpn-connect"], results.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task SuggestAsync_ContextKey_MatchesDeclaredKeys()
    {
        var results = await _provider.SuggestAsync(new SearchRequest { Context = new HelpContext { Route = "/elsewhere", Keys = ["Account"] } }, Token);

        Assert.Equal("password-reset", results.Hits[0].Id);
    }

    [Fact]
    public async Task GetArticleAsync_MissingTranslation_FallsBackToDefaultLanguage()
    {
        var swedish = await _provider.GetArticleAsync(new ArticleRequest("password-reset") { Language = "sv" }, Token);
        var fallback = await _provider.GetArticleAsync(new ArticleRequest("vpn-connect") { Language = "sv" }, Token);

        Assert.Equal("Byt ditt lösenord", swedish!.Title);
        Assert.Equal("en", fallback!.Language);
    }

    [Theory]
    [InlineData("expense-approve")]
    [InlineData("does-not-exist")]
    [InlineData("../password-reset")]
    [InlineData("")]
    public async Task GetArticleAsync_HiddenOrUnknownId_ReturnsNull(string id) =>
        Assert.Null(await _provider.GetArticleAsync(new ArticleRequest(id), Token));

    [Fact]
    public async Task SearchAsync_ConcurrentCallers_BuildTheIndexOnce()
    {
        var source = new TestArticleSource(s_articles);
        using var provider = new LuceneKnowledgeProvider(source, NullLogger<LuceneKnowledgeProvider>.Instance);

        var searches = Enumerable.Range(0, 32).Select(i => Task.Run(() => provider.SearchAsync(new SearchRequest { Query = i % 2 == 0 ? "password" : "vpn" }, Token), Token));
        var results = await Task.WhenAll(searches);

        Assert.Equal(1, source.Loads);
        Assert.All(results, r => Assert.NotEmpty(r.Hits));
    }
}
