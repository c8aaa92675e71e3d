using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>Search, suggestions and articles over HTTP answer as the provider does in-process, for the caller's audiences.</summary>
public sealed class ReadEndpointTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Server.Client;

    private IKnowledgeProvider Provider => fixture.Server.Services.GetRequiredService<IKnowledgeProvider>();

    public static TheoryData<string?, string?, bool> Callers() => new()
    {
        { null, null, false },
        { "erik", "employee", false },
        { "maria", "manager", true },
    };

    [Theory]
    [InlineData(null, null)]
    [InlineData("maria", "manager")]
    public async Task Search_AnyCaller_ReturnsWhatTheProviderReturnsInProcess(string? user, string? roles)
    {
        using var response = await Client.SendAsync(Http.Get("search?q=vpn", user, roles), Token);
        var results = await Http.ReadAsync<SearchResults>(response);

        var expected = await Provider.SearchAsync(new SearchRequest { Query = "vpn", User = User(user, roles), MaxResults = new HelpWidgetOptions().MaxResults }, Token);
        Assert.NotEmpty(expected.Hits);
        Assert.Equal(expected.Hits.Select(h => (h.Id, h.Title, h.Summary, h.SnippetHtml)), results.Hits.Select(h => (h.Id, h.Title, h.Summary, h.SnippetHtml)));
    }

    [Theory]
    [InlineData("search")]
    [InlineData("search?q=")]
    [InlineData("search?q=%20%20")]
    public async Task Search_EmptyQuery_AnswersAsTheProviderDoesForEmptyText(string path)
    {
        using var response = await Client.SendAsync(Http.Get(path), Token);
        var results = await Http.ReadAsync<SearchResults>(response);

        var expected = await Provider.SearchAsync(new SearchRequest { Query = string.Empty }, Token);
        Assert.Equal(expected.Hits.Select(h => h.Id), results.Hits.Select(h => h.Id));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Search_RestrictedArticle_IsFoundOnlyByItsAudience(string? user, string? roles, bool visible)
    {
        using var response = await Client.SendAsync(Http.Get("search?q=salary+review+vpn", user, roles), Token);
        var results = await Http.ReadAsync<SearchResults>(response);

        Assert.Contains("vpn", results.Hits.Select(h => h.Id));
        Assert.Equal(visible, results.Hits.Any(h => h.Id == TestKnowledgeBase.RestrictedArticle));
    }

    [Fact]
    public async Task Suggestions_ForRoute_ReturnWhatTheProviderReturnsInProcess()
    {
        using var response = await Client.SendAsync(Http.Get("suggestions?route=%2Fremote&keys=remote&lang=en", "maria", "manager"), Token);
        var results = await Http.ReadAsync<SearchResults>(response);

        var expected = await Provider.SuggestAsync(
            new SearchRequest { Context = new HelpContext { Route = "/remote", Keys = ["remote"] }, Language = "en", User = User("maria", "manager"), MaxResults = 5 },
            Token);
        Assert.NotEmpty(expected.Hits);
        Assert.Equal(expected.Hits.Select(h => (h.Id, h.Title)), results.Hits.Select(h => (h.Id, h.Title)));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Suggestions_RestrictedArticle_IsSuggestedOnlyToItsAudience(string? user, string? roles, bool visible)
    {
        using var response = await Client.SendAsync(Http.Get("suggestions?route=%2Fremote&keys=remote", user, roles), Token);
        var results = await Http.ReadAsync<SearchResults>(response);

        Assert.Contains("vpn", results.Hits.Select(h => h.Id));
        Assert.Equal(visible, results.Hits.Any(h => h.Id == TestKnowledgeBase.RestrictedArticle));
    }

    [Fact]
    public async Task GetArticle_PublicArticle_ReturnsWhatTheProviderReturnsInProcess()
    {
        using var response = await Client.SendAsync(Http.Get("articles/password-reset?lang=en"), Token);
        var article = await Http.ReadAsync<HelpArticle>(response);

        var expected = await Provider.GetArticleAsync(new ArticleRequest("password-reset") { Language = "en" }, Token);
        Assert.NotNull(expected);
        Assert.Equal((expected.Id, expected.Language, expected.Title, expected.Summary, expected.Html), (article.Id, article.Language, article.Title, article.Summary, article.Html));
        Assert.Equal(["vpn"], article.Related);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task GetArticle_RestrictedArticle_IsNotFoundOutsideItsAudienceExactlyLikeAMissingOne(string? user, string? roles, bool visible)
    {
        using var response = await Client.SendAsync(Http.Get("articles/" + TestKnowledgeBase.RestrictedArticle, user, roles), Token);

        if (visible)
        {
            var article = await Http.ReadAsync<HelpArticle>(response);
            Assert.Equal("Salary review for your team", article.Title);
            return;
        }

        var problem = await Http.ProblemAsync(response, HttpStatusCode.NotFound);
        using var missing = await Client.SendAsync(Http.Get("articles/no-such-article", user, roles), Token);
        var missingProblem = await Http.ProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(missingProblem.GetProperty("detail").GetString(), problem.GetProperty("detail").GetString());
        Assert.Equal(missingProblem.GetProperty("code").GetString(), problem.GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task GetArticle_RelatedLinks_LeaveOutArticlesOutsideTheCallersAudience(string? user, string? roles, bool visible)
    {
        using var response = await Client.SendAsync(Http.Get("articles/vpn", user, roles), Token);
        var article = await Http.ReadAsync<HelpArticle>(response);

        Assert.Equal(visible ? ["salary-review", "password-reset"] : ["password-reset"], article.Related);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task GetAnnouncements_RestrictedAnnouncement_IsShownOnlyToItsAudience(string? user, string? roles, bool visible)
    {
        using var response = await Client.SendAsync(Http.Get("announcements?lang=en&route=%2F", user, roles), Token);
        var announcements = await Http.ReadAsync<List<HelpAnnouncement>>(response);

        Assert.Contains(TestKnowledgeBase.PublicAnnouncement, announcements.Select(a => a.Id));
        Assert.Equal(visible, announcements.Any(a => a.Id == TestKnowledgeBase.RestrictedAnnouncement));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task GetAnnouncements_All_ListsEveryLanguageAndPageButOnlyTheCallersAudience(string? user, string? roles, bool visible)
    {
        using var response = await Client.SendAsync(Http.Get("announcements?all=true", user, roles), Token);
        var announcements = await Http.ReadAsync<List<HelpAnnouncement>>(response);
        using var withoutAll = await Client.SendAsync(Http.Get("announcements", user, roles), Token);
        var here = await Http.ReadAsync<List<HelpAnnouncement>>(withoutAll);

        Assert.Equal(["en", "sv"], announcements.Where(a => a.Id == TestKnowledgeBase.PublicAnnouncement).Select(a => a.Language).Order(StringComparer.Ordinal));
        Assert.Equal(["/remote"], announcements.Single(a => a.Id == TestKnowledgeBase.RemoteAnnouncement).Contexts);
        Assert.Equal(visible, announcements.Any(a => a.Id == TestKnowledgeBase.RestrictedAnnouncement));
        Assert.DoesNotContain(here, a => a.Id == TestKnowledgeBase.RemoteAnnouncement);
        Assert.Single(here, a => a.Id == TestKnowledgeBase.PublicAnnouncement);
    }

    [Theory]
    [InlineData("announcements?all=yes", "invalid_flag")]
    [InlineData("announcements?all=true&lang=en", "all_with_context")]
    [InlineData("announcements?all=true&route=%2F", "all_with_context")]
    [InlineData("announcements?all=true&keys=vpn", "all_with_context")]
    public async Task GetAnnouncements_AllMisused_AnswersBadRequest(string path, string code)
    {
        using var response = await Client.SendAsync(Http.Get(path), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task GetAnnouncements_AllAfterADismissal_LeavesTheDismissedOneOut()
    {
        using var dismissal = await Client.SendAsync(Http.Post($"announcements/{TestKnowledgeBase.PublicAnnouncement}/dismissal", null, "all-dismisser"), Token);
        Assert.Equal(HttpStatusCode.NoContent, dismissal.StatusCode);

        using var mine = await Client.SendAsync(Http.Get("announcements?all=true", "all-dismisser"), Token);

        Assert.DoesNotContain(TestKnowledgeBase.PublicAnnouncement, (await Http.ReadAsync<List<HelpAnnouncement>>(mine)).Select(a => a.Id));
    }

    [Fact]
    public async Task DismissAnnouncement_SignedInUser_IsNotShownTheAnnouncementAgain()
    {
        using var dismissal = await Client.SendAsync(Http.Post($"announcements/{TestKnowledgeBase.PublicAnnouncement}/dismissal", null, "dismisser"), Token);
        Assert.Equal(HttpStatusCode.NoContent, dismissal.StatusCode);

        using var mine = await Client.SendAsync(Http.Get("announcements", "dismisser"), Token);
        Assert.DoesNotContain(TestKnowledgeBase.PublicAnnouncement, (await Http.ReadAsync<List<HelpAnnouncement>>(mine)).Select(a => a.Id));
        using var others = await Client.SendAsync(Http.Get("announcements", "someone-else"), Token);
        Assert.Contains(TestKnowledgeBase.PublicAnnouncement, (await Http.ReadAsync<List<HelpAnnouncement>>(others)).Select(a => a.Id));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("erik", "employee")]
    public async Task DismissAnnouncement_OutsideItsAudience_IsNotFound(string? user, string? roles)
    {
        using var response = await Client.SendAsync(Http.Post($"announcements/{TestKnowledgeBase.RestrictedAnnouncement}/dismissal", null, user, roles), Token);

        await Http.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static HelpUser User(string? user, string? roles)
    {
        if (user is null)
        {
            return HelpUser.Anonymous;
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user) };
        claims.AddRange((roles ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)));
        return HelpUser.FromClaims(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
    }
}
