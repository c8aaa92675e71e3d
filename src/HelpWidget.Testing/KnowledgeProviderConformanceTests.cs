using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace HelpWidget.Testing;

/// <summary>
/// The behaviour every <see cref="IKnowledgeProvider"/> must have: search, suggestions by context, article by id,
/// audience filtering, hostile queries and concurrency. A provider's test class derives from it and says how to
/// create the provider over a given set of articles.
/// </summary>
public abstract partial class KnowledgeProviderConformanceTests : IAsyncLifetime
{
    /// <summary>Gets the articles every conformance test searches: English and Swedish, public and restricted.</summary>
    public static IReadOnlyList<HelpArticle> Articles { get; } =
    [
        TestArticles.Article("password-reset", "Reset your password", "Open the password portal, confirm with your phone and choose a new password.", language: "en", contexts: ["/profile", "account"], area: "accounts"),
        TestArticles.Article("vpn-connect", "Connect to the VPN", "Start the VPN client from the system tray and sign in to reach internal systems.", language: "en", contexts: ["/", "network"], area: "accounts"),
        TestArticles.Article("expense-claim", "Submit an expense claim", "Attach the receipt, choose a category and submit the claim for approval.", language: "en", contexts: ["/expenses"], area: "money"),
        TestArticles.Article("expense-approve", "Approve expense claims", "Managers approve the expense claims of their team in the approval queue.", language: "en", contexts: ["/expenses"], audiences: ["manager"], area: "money"),
        TestArticles.Article("salary-review", "Salary review for managers", "Managers propose salary changes during the yearly salary review.", language: "en", audiences: ["manager", "hr"], area: "money"),
        TestArticles.Article("password-reset", "Byt ditt lösenord", "Öppna lösenordsportalen, bekräfta med telefonen och välj ett nytt lösenord.", language: "sv", contexts: ["/profile", "account"], area: "accounts"),
        TestArticles.Article("expense-approve", "Attestera utlägg", "Chefer attesterar teamets utlägg i attestkön.", language: "sv", contexts: ["/expenses"], audiences: ["manager"], area: "money"),
    ];

    /// <summary>Gets hostile query text: query syntax, markup, control characters, oversize input, wrong scripts.</summary>
    public static TheoryData<string> HostileQueries { get; } =
    [
        "\"password", "title:password AND body:*", "password~2^10 [a TO z] {x}", "(((((", "*", "?", "\\", "AND OR NOT",
        "<script>alert('x')</script> password", "<img src=x onerror=alert(1)>", "🔑🔒 password 🙂", "pass\u0000word\u001b[31m",
        "   ", "", "/expenses/../../etc/passwd", "' OR 1=1 --", "%00%0d%0a", "пароль", "كلمة المرور", "密码",
        new string('a', 3000), string.Join(' ', Enumerable.Repeat("password", 1000)), "\uD800", "\u202Epassword",
    ];

    private static readonly string[] s_restricted = ["expense-approve", "salary-review"];
    private static readonly string[] s_managersOnly = ["expense-approve"];
    private static readonly HelpUser s_manager = new() { Id = "m", Audiences = ["manager"] };

    /// <summary>Gets the provider under test, created over <see cref="Articles"/>.</summary>
    protected IKnowledgeProvider Provider { get; private set; } = default!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => Provider = await CreateProviderAsync(Articles);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        (Provider as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Creates the provider under test over <paramref name="articles"/>, with English as the default language.</summary>
    /// <param name="articles">The articles it must serve.</param>
    /// <returns>The provider, ready to answer.</returns>
    protected abstract Task<IKnowledgeProvider> CreateProviderAsync(IReadOnlyList<HelpArticle> articles);

#pragma warning disable CS1591 // Each test is documented by its name (Method_Scenario_Expectation), which is what a test runner reports.
    [Fact]
    public async Task SearchAsync_TitleWord_FindsTheArticleFirst()
    {
        var results = await Provider.SearchAsync(new SearchRequest { Query = "password" }, Token);

        Assert.Equal("password-reset", results.Hits[0].Id);
        Assert.Equal("en", results.Hits[0].Language);
        Assert.Equal("Reset your password", results.Hits[0].Title);
    }

    [Fact]
    public async Task SearchAsync_UserLanguage_IsPreferred()
    {
        var results = await Provider.SearchAsync(new SearchRequest { Query = "lösenord", Language = "sv-SE" }, Token);

        Assert.Equal(("password-reset", "sv"), (results.Hits[0].Id, results.Hits[0].Language));
    }

    [Fact]
    public async Task SearchAsync_LanguageWithoutArticles_FallsBackToTheDefault()
    {
        var results = await Provider.SearchAsync(new SearchRequest { Query = "vpn", Language = "fi" }, Token);

        Assert.Equal("vpn-connect", results.Hits[0].Id);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task SearchAsync_MaxResults_IsRespected(int max)
    {
        var results = await Provider.SearchAsync(new SearchRequest { Query = "password expense claim vpn", MaxResults = max }, Token);

        Assert.Equal(max, results.Hits.Count);
    }

    [Fact]
    public async Task SearchAsync_RestrictedArticle_ReachesOnlyItsAudience()
    {
        var anonymous = await Provider.SearchAsync(new SearchRequest { Query = "approve salary managers" }, Token);
        var staff = await Provider.SearchAsync(new SearchRequest { Query = "approve salary managers", User = new HelpUser { Audiences = ["staff"] } }, Token);
        var manager = await Provider.SearchAsync(new SearchRequest { Query = "approve salary managers", User = s_manager }, Token);

        Assert.DoesNotContain(anonymous.Hits.Concat(staff.Hits), h => h.Id is "expense-approve" or "salary-review");
        Assert.Contains(manager.Hits, h => h.Id == "expense-approve");
        Assert.Contains(manager.Hits, h => h.Id == "salary-review");
    }

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task SearchAsync_HostileQuery_AnswersWithoutThrowingOrLeaking(string query)
    {
        var results = await Provider.SearchAsync(new SearchRequest { Query = query }, Token);

        Assert.NotNull(results);
        Assert.All(results.Hits, hit =>
        {
            Assert.DoesNotContain(hit.Id, s_restricted);
            AssertSafeSnippet(hit.SnippetHtml);
        });
    }

    [Fact]
    public async Task SearchAsync_Snippet_IsEncodedTextWithMarks()
    {
        var results = await Provider.SearchAsync(new SearchRequest { Query = "receipt" }, Token);

        Assert.Contains("<mark>", results.Hits[0].SnippetHtml, StringComparison.Ordinal);
        AssertSafeSnippet(results.Hits[0].SnippetHtml);
    }

    [Fact]
    public async Task SuggestAsync_Route_SuggestsTheArticlesOfThatPage()
    {
        var results = await Provider.SuggestAsync(new SearchRequest { Context = new HelpContext { Route = "/expenses/new" } }, Token);

        Assert.Equal("expense-claim", results.Hits[0].Id);
        Assert.DoesNotContain(results.Hits, h => h.Id == "expense-approve");
    }

    [Fact]
    public async Task SuggestAsync_ContextKey_SuggestsTheArticlesOfThatKey()
    {
        var results = await Provider.SuggestAsync(new SearchRequest { Context = new HelpContext { Keys = ["network"] } }, Token);

        Assert.Equal("vpn-connect", results.Hits[0].Id);
    }

    [Fact]
    public async Task SuggestAsync_Manager_AlsoGetsRestrictedArticlesOfThePage()
    {
        var results = await Provider.SuggestAsync(new SearchRequest { Context = new HelpContext { Route = "/expenses" }, User = s_manager }, Token);

        Assert.Contains(results.Hits, h => h.Id == "expense-approve");
    }

    [Fact]
    public async Task GetArticleAsync_KnownId_ReturnsTheArticleInTheRequestedLanguage()
    {
        var english = await Provider.GetArticleAsync(new ArticleRequest("password-reset"), Token);
        var swedish = await Provider.GetArticleAsync(new ArticleRequest("password-reset") { Language = "sv" }, Token);

        Assert.Equal("Reset your password", english!.Title);
        Assert.Equal("Byt ditt lösenord", swedish!.Title);
    }

    [Fact]
    public async Task GetArticleAsync_NoTranslation_FallsBackToTheDefaultLanguage()
    {
        var article = await Provider.GetArticleAsync(new ArticleRequest("vpn-connect") { Language = "sv" }, Token);

        Assert.Equal("en", article!.Language);
    }

    [Theory]
    [InlineData("expense-approve")]
    [InlineData("salary-review")]
    [InlineData("does-not-exist")]
    [InlineData("../password-reset")]
    [InlineData("")]
    [InlineData("PASSWORD-RESET\u0000")]
    public async Task GetArticleAsync_RestrictedOrUnknown_ReturnsNull(string id) =>
        Assert.Null(await Provider.GetArticleAsync(new ArticleRequest(id), Token));

    [Fact]
    public async Task GetArticleAsync_Manager_GetsTheRestrictedArticle() =>
        Assert.NotNull(await Provider.GetArticleAsync(new ArticleRequest("expense-approve") { User = s_manager }, Token));

    [Fact]
    public async Task Calls_NullRequest_ThrowArgumentNullException()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Provider.SearchAsync(null!, Token));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Provider.SuggestAsync(null!, Token));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Provider.GetArticleAsync(null!, Token));
    }

    [Fact]
    public void GetService_OwnType_ReturnsTheProvider() =>
        Assert.Same(Provider, Provider.GetService(Provider.GetType()));

    [Fact]
    public async Task Calls_ManyAtOnce_AllAnswerCorrectly()
    {
        var calls = Enumerable.Range(0, 64).Select(i => Task.Run(async () => (i % 3) switch
        {
            0 => (await Provider.SearchAsync(new SearchRequest { Query = "password" }, Token)).Hits[0].Id,
            1 => (await Provider.SuggestAsync(new SearchRequest { Context = new HelpContext { Route = "/expenses" } }, Token)).Hits[0].Id,
            _ => (await Provider.GetArticleAsync(new ArticleRequest("vpn-connect"), Token))!.Id,
        }, Token));

        var answers = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 64).Select(i => (i % 3) switch { 0 => "password-reset", 1 => "expense-claim", _ => "vpn-connect" }), answers);
    }

    [Fact]
    public void SearchAsync_AnyGeneratedText_NeverThrowsNorLeaksARestrictedArticle()
    {
        var fragments = Gen.Elements("password", "vpn", "approve", "salary", "managers", "\"", ":", "*", "?", "~", "^", "(", ")", "[", "]",
            "{", "}", "\\", "/", "AND", "OR", "NOT", "-", "+", "&&", "||", "<b>", "é", "ö", "🙂", "\u0000", "\t", " ", "  ");
        var queries = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
            fragments.ListOf().Select(parts => string.Concat(parts)));
        var audiences = Gen.Elements<string[]>([], ["staff"], ["hr"], ["Staff", "guest"]);

        Prop.ForAll(Arb.From(queries), Arb.From(audiences), (query, audience) =>
        {
            var user = new HelpUser { Audiences = audience };
            var results = Provider.SearchAsync(new SearchRequest { Query = query, User = user }, Token).GetAwaiter().GetResult();
            var hidden = audience.Contains("hr", StringComparer.OrdinalIgnoreCase) ? s_managersOnly : s_restricted;
            return results.Hits.All(h => !hidden.Contains(h.Id) && IsSafeSnippet(h.SnippetHtml));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static void AssertSafeSnippet(string html) =>
        Assert.True(IsSafeSnippet(html), $"The snippet holds markup other than <mark>: {html}");

    private static bool IsSafeSnippet(string html) => !MarkupOtherThanMark().IsMatch(html);

    [GeneratedRegex("<(?!/?mark>)")]
    private static partial Regex MarkupOtherThanMark();
}
