using System.Net;
using System.Text;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>Odd and hostile parameters answer 400 or 404 ProblemDetails, or a correct answer; never 500.</summary>
public sealed class HostileInputTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Server.Client;

    public static TheoryData<string, string> RefusedSearches() => new()
    {
        { "search?q=" + new string('a', 3001), "too_long" },
        { "search?q=vpn%01", "control_character" },
        { "search?q=vpn%00", "control_character" },
        { "search?q=vpn&lang=..%2F..%2Fx", "invalid_language" },
        { "search?q=vpn&lang=%00", "invalid_language" },
        { "search?q=vpn&lang=en%0A", "invalid_language" },
        { "search?q=vpn&route=..%2Fetc", "invalid_route" },
        { "search?q=vpn&route=%2F%2Fevil.example", "invalid_route" },
        { "search?q=vpn&max=0", "invalid_max" },
        { "search?q=vpn&max=51", "invalid_max" },
        { "search?q=vpn&max=abc", "invalid_max" },
        { "search?q=vpn&keys=" + new string('k', 101), "too_long" },
        { "suggestions?route=%2Fremote%09x", "control_character" },
        { "announcements?lang=..%2F..%2Fx", "invalid_language" },
    };

    [Theory]
    [MemberData(nameof(RefusedSearches))]
    public async Task Get_HostileParameter_AnswersBadRequestProblemDetails(string path, string code)
    {
        using var response = await Client.SendAsync(Http.Get(path), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Search_TooManyKeys_AnswersBadRequestProblemDetails()
    {
        var keys = string.Join('&', Enumerable.Range(0, 21).Select(i => "keys=k" + i));
        using var response = await Client.SendAsync(Http.Get("search?q=vpn&" + keys), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("too_many_values", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("title:*")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("*:*")]
    [InlineData("audience:manager salary")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\uFFFD\uFFFD")]
    public async Task Search_QuerySyntax_IsSearchedAsPlainTextAndNeverRevealsRestrictedArticles(string query)
    {
        using var response = await Client.SendAsync(Http.Get("search?q=" + Uri.EscapeDataString(query)), Token);

        var results = await Http.ReadAsync<SearchResults>(response);
        Assert.DoesNotContain(TestKnowledgeBase.RestrictedArticle, results.Hits.Select(h => h.Id));
        Assert.All(results.Hits, h => Assert.DoesNotContain("<script", h.SnippetHtml, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Search_InvalidUtf8InQuery_IsNeverAServerError()
    {
        // Half of a surrogate pair cannot travel in UTF-8; the bytes that would carry it arrive as replacement characters.
        using var response = await Client.SendAsync(Http.Get("search?q=%ED%A0%80vpn"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("articles/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("articles/%2E%2E/etc/passwd")]
    [InlineData("articles/vpn%0A")]
    [InlineData("articles/.hidden")]
    [InlineData("articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("articles/C:%5Cwindows%5Cwin.ini")]
    [InlineData("articles/vpn/extra")]
    [InlineData("articles/")]
    [InlineData("no-such-endpoint")]
    public async Task GetArticle_OddOrTraversalId_AnswersNotFoundProblemDetails(string path)
    {
        using var response = await Client.SendAsync(Http.Get(path, "maria", "manager"), Token);

        await Http.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("articles/%00")]
    [InlineData("articles/vpn%00")]
    public async Task GetArticle_NullCharacterInPath_IsRefusedByTheServerBeforeTheApi(string path)
    {
        // Kestrel refuses a path holding NUL itself, with an empty 400, before any middleware runs.
        using var response = await Client.SendAsync(Http.Get(path), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task GetArticle_VeryLongId_AnswersNotFoundProblemDetails()
    {
        using var response = await Client.SendAsync(Http.Get("articles/" + new string('a', 5000)), Token);

        await Http.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetArticle_UnknownLanguage_AnswersBadRequestProblemDetails()
    {
        using var response = await Client.SendAsync(Http.Get("articles/vpn?lang=..%2F..%2Fx"), Token);

        await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetArticle_WellFormedLanguageWithoutArticles_AnswersInTheDefaultLanguage()
    {
        using var response = await Client.SendAsync(Http.Get("articles/vpn?lang=zz"), Token);

        var article = await Http.ReadAsync<HelpArticle>(response);
        Assert.Equal("en", article.Language);
    }

    [Theory]
    [InlineData("sv-SE,sv;q=0.9,en;q=0.5", "Artikeln finns inte.")]
    [InlineData("en-GB", "There is no such article.")]
    [InlineData("fr", "There is no such article.")]
    public async Task GetArticle_Missing_DetailIsInTheCallersLanguage(string acceptLanguage, string detail)
    {
        using var request = Http.Get("articles/no-such-article");
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await Client.SendAsync(request, Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetArticle_ScriptInId_IsNotEchoedInTheProblem()
    {
        using var response = await Client.SendAsync(Http.Get("articles/%3Cscript%3E"), Token);

        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<script>", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DismissAnnouncement_OddId_AnswersNotFoundProblemDetails()
    {
        using var response = await Client.SendAsync(Http.Post("announcements/..%2Fx/dismissal", new StringContent(string.Empty, Encoding.UTF8), "erik"), Token);

        await Http.ProblemAsync(response, HttpStatusCode.NotFound);
    }
}
