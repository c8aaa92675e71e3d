using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>Rate limits and failures, each on a server set up for the case.</summary>
public sealed class ServerPolicyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_MoreThanThePermitLimit_AnswersTooManyRequestsWithRetryAfter()
    {
        await using var server = await ApiServer.StartAsync(api: o => o.SearchPermitLimit = 2, cancellationToken: Token);

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await server.Client.SendAsync(Http.Get("search?q=vpn"), Token);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await server.Client.SendAsync(Http.Get("search?q=vpn"), Token);
        var problem = await Http.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing.");

        // Each signed-in user has their own allowance.
        using var otherUser = await server.Client.SendAsync(Http.Get("search?q=vpn", "erik"), Token);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
    }

    [Fact]
    public async Task PostFeedback_MoreThanThePermitLimit_AnswersTooManyRequestsWithRetryAfter()
    {
        await using var server = await ApiServer.StartAsync(api: o => o.FeedbackPermitLimit = 1, cancellationToken: Token);
        const string Body = """{"articleId":"vpn","language":"en","helpful":true}""";

        using var allowed = await server.Client.SendAsync(Http.Post("feedback", new StringContent(Body, System.Text.Encoding.UTF8, "application/json"), "erik"), Token);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        using var refused = await server.Client.SendAsync(Http.Post("feedback", new StringContent(Body, System.Text.Encoding.UTF8, "application/json"), "erik"), Token);

        await Http.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task PostTicket_MoreThanThePermitLimit_AnswersTooManyRequestsWithRetryAfter()
    {
        await using var server = await ApiServer.StartAsync(api: o => o.TicketPermitLimit = 1, cancellationToken: Token);

        using var allowed = await server.Client.SendAsync(Http.Post("tickets", Ticket("first"), "erik"), Token);
        using var refused = await server.Client.SendAsync(Http.Post("tickets", Ticket("second"), "erik"), Token);

        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        await Http.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task PostTicket_ContactPolicyOffersNoTickets_AnswersForbidden()
    {
        await using var server = await ApiServer.StartAsync(
            services: s => s.Configure<HelpWidgetOptions>(o => o.Contact.Policy = ContactPolicy.Never),
            cancellationToken: Token);

        using var response = await server.Client.SendAsync(Http.Post("tickets", Ticket("never"), "erik"), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("tickets_not_offered", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task PostTicket_AnonymousTicketsAllowed_IsStoredButCannotBeReadBack()
    {
        await using var server = await ApiServer.StartAsync(api: o => o.AllowAnonymousTickets = true, cancellationToken: Token);

        using var created = await server.Client.SendAsync(Http.Post("tickets", Ticket("anonymous")), Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var readBack = await server.Client.SendAsync(Http.Get(created.Headers.Location!.ToString()), Token);

        await Http.ProblemAsync(readBack, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("search?q=vpn")]
    [InlineData("suggestions?route=%2F")]
    [InlineData("articles/vpn")]
    public async Task Get_ProviderThrowsInProduction_AnswersServerErrorProblemWithoutExceptionText(string path)
    {
        await using var server = await ApiServer.StartAsync(
            environment: "Production",
            services: s => s.AddSingleton<IKnowledgeProvider, ThrowingKnowledgeProvider>(),
            cancellationToken: Token);

        using var response = await server.Client.SendAsync(Http.Get(path), Token);

        await Http.ProblemAsync(response, HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain(ThrowingKnowledgeProvider.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("ThrowingKnowledgeProvider", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHelpWidgetApi_InvalidOptions_FailsAtStart()
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => ApiServer.StartAsync(api: o => o.RateLimitWindow = TimeSpan.Zero, cancellationToken: Token));

        Assert.Contains("RateLimitWindow", exception.ToString(), StringComparison.Ordinal);
    }

    private static MultipartFormDataContent Ticket(string key) => new()
    {
        {
            new StringContent($$"""{"idempotencyKey":"{{key}}","subject":"VPN","description":"It fails.","name":"Erik","email":"erik@example.com"}""", System.Text.Encoding.UTF8, "application/json"),
            "ticket"
        },
    };

    private sealed class ThrowingKnowledgeProvider : IKnowledgeProvider
    {
        public const string Secret = "connection string Password=hunter2";

        public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) => throw new InvalidOperationException(Secret);

        public Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default) => throw new InvalidOperationException(Secret);

        public Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default) => throw new InvalidOperationException(Secret);

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }
}
