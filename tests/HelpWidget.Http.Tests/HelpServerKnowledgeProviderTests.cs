using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Http.Tests;

/// <summary>What a page declares or a user types never turns into a refusal, and the user of each request reaches the credentials hook.</summary>
public sealed class HelpServerKnowledgeProviderTests(ConformanceServerFixture fixture) : IClassFixture<ConformanceServerFixture>, IAsyncDisposable
{
    private readonly TestClient _client = new(fixture.Server.Address);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("//evil.example/expenses")]
    [InlineData("expenses")]
    [InlineData("/expenses\\..\\admin")]
    [InlineData("/expenses\u0000")]
    public async Task SuggestAsync_RouteTheServerWouldRefuse_IsLeftOutAndKeysStillCount(string route)
    {
        var results = await _client.Provider.SuggestAsync(new SearchRequest { Context = new HelpContext { Route = route, Keys = ["network"] } }, Token);

        Assert.Equal("vpn-connect", results.Hits[0].Id);
        Assert.True(_client.Connectivity.IsOnline);
    }

    [Fact]
    public async Task SuggestAsync_TooManyOrOversizeOrControlKeys_AnswersWithTheUsableOnes()
    {
        string[] keys = ["\u0001bad", new string('k', 101), "\uD800", .. Enumerable.Range(0, 30).Select(i => i == 3 ? "network" : "key" + i)];

        var results = await _client.Provider.SuggestAsync(new SearchRequest { Context = new HelpContext { Keys = keys, Tags = [.. keys] }, MaxResults = 500 }, Token);

        Assert.Equal("vpn-connect", results.Hits[0].Id);
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("en_US")]
    [InlineData("sv\r\nX-Test-User: admin")]
    public async Task SearchAsync_LanguageThatIsNotATag_UsesTheDefaultLanguage(string language)
    {
        var results = await _client.Provider.SearchAsync(new SearchRequest { Query = "password", Language = language, MaxResults = 0 }, Token);

        Assert.Equal(("password-reset", "en"), (results.Hits[0].Id, results.Hits[0].Language));
    }

    [Fact]
    public async Task SearchAsync_RequestUser_ReachesTheCredentialsHandlerAndDecidesWhatIsFound()
    {
        // The app's signed-in user is nobody; the request's own user is the manager, and the server sees the manager.
        var manager = await _client.Provider.SearchAsync(new SearchRequest { Query = "salary review", User = TestData.Manager }, Token);
        var anonymous = await _client.Provider.SearchAsync(new SearchRequest { Query = "salary review" }, Token);

        Assert.Contains(manager.Hits, h => h.Id == "salary-review");
        Assert.DoesNotContain(anonymous.Hits, h => h.Id == "salary-review");
    }

    [Fact]
    public async Task ApiPath_ServerWithAnotherPrefix_IsReachedThere()
    {
        await using var server = await TestHelpServer.StartAsync(TestData.Articles, prefix: "/tools/help-api", cancellationToken: Token);
        await using var wrongPath = new TestClient(server.Address);
        await using var client = new TestClient(new Uri(server.Address, "/tools/"), o => o.ApiPath = "/help-api/");

        var results = await client.Provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token);
        var refused = await Assert.ThrowsAsync<HelpServerException>(() => wrongPath.Provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token));

        Assert.Equal("vpn-connect", results.Hits[0].Id);
        Assert.Equal((404, false), (refused.StatusCode, refused.IsUnavailable));
        Assert.Contains($"nothing at {server.Address}helpwidget/api/search; is ApiPath the prefix given to MapHelpWidgetApi()?", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_FirstAttemptFails_TheRetryStillCarriesTheRequestsUser()
    {
        var failFirst = new FailFirstAttempt();
        await using var client = new TestClient(fixture.Server.Address, services: s => s.AddHttpClient(HelpServerOptions.HttpClientName).AddHttpMessageHandler(() => failFirst));

        var results = await client.Provider.SearchAsync(new SearchRequest { Query = "salary review", User = TestData.Manager }, Token);

        Assert.Equal(2, failFirst.Attempts);
        Assert.Contains(results.Hits, h => h.Id == "salary-review");
    }

    [Fact]
    public async Task GetArticleAsync_Translation_ArrivesWithEveryField()
    {
        var article = await _client.Provider.GetArticleAsync(new ArticleRequest("password-reset") { Language = "sv" }, Token);

        Assert.Equal(("Byt ditt lösenord", "sv"), (article!.Title, article.Language));
        Assert.Equal(["/profile", "account"], article.Contexts);
        Assert.StartsWith("Öppna lösenordsportalen", article.Text, StringComparison.Ordinal);
        Assert.StartsWith("<p>&#214;ppna", article.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_CallerCancels_ThrowsOperationCanceledAndStaysOnline()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.Provider.SearchAsync(new SearchRequest { Query = "vpn" }, cancelled.Token));

        Assert.True(_client.Connectivity.IsOnline);
    }

    [Fact]
    public async Task SearchAsync_RateLimited_ThrowsAtOnceWithoutRetryingAndStaysOnline()
    {
        await using var server = await TestHelpServer.StartAsync(
            TestData.Articles,
            services: s => s.Configure<HelpWidget.AspNetCore.HelpWidgetApiOptions>(o => o.SearchPermitLimit = 2),
            cancellationToken: Token);
        await using var client = new TestClient(server.Address);
        var before = server.Requests;

        HelpServerException? limited = null;
        for (var call = 0; call < 6; call++)
        {
            try
            {
                await client.Provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token);
            }
            catch (HelpServerException ex)
            {
                limited ??= ex;
            }
        }

        Assert.Equal((429, "rate_limited", false), (limited!.StatusCode, limited.Code, limited.IsUnavailable));
        Assert.Equal(6, server.Requests - before);
        Assert.True(client.Connectivity.IsOnline);
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    /// <summary>Fails the first attempt as a dropped connection does; the resilience handler tries again.</summary>
    private sealed class FailFirstAttempt : DelegatingHandler
    {
        private int _attempts;

        public int Attempts => _attempts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _attempts) == 1
                ? throw new HttpRequestException("The connection was reset.")
                : base.SendAsync(request, cancellationToken);
    }
}
