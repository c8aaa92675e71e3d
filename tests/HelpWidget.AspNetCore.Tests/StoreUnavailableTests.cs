using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>
/// A failure behind the API answers a ProblemDetails that names no cause: 503 with <c>Retry-After</c> while the storage
/// is out of reach (a timeout or a database error: the caller may try again), 500 for anything else.
/// The PostgreSQL tests stop a real server under the API for the same answer.
/// </summary>
public sealed class StoreUnavailableTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_StorageTimesOut_AnswersServiceUnavailableWithRetryAfterInTheCallersLanguage()
    {
        await using var server = await StartAsync(new TimeoutException("The connection pool is exhausted at 10.0.0.7."));

        using var english = await server.Client.SendAsync(Http.Get("search?q=vpn"), Token);
        using var swedishRequest = Http.Get("search?q=vpn");
        swedishRequest.Headers.AcceptLanguage.ParseAdd("sv-SE");
        using var swedish = await server.Client.SendAsync(swedishRequest, Token);

        var problem = await Http.ProblemAsync(english, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("store_unavailable", problem.GetProperty("code").GetString());
        Assert.Equal("5", english.Headers.RetryAfter?.ToString());
        Assert.Equal("Help cannot reach its storage just now. Try again in 5 seconds.", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("10.0.0.7", problem.ToString(), StringComparison.Ordinal);
        var swedishProblem = await Http.ProblemAsync(swedish, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Hjälpen når inte sin lagring just nu. Försök igen om 5 sekunder.", swedishProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Search_ProviderDefect_AnswersInternalServerErrorWithoutRetryAfterOrDetails()
    {
        await using var server = await StartAsync(new InvalidOperationException("Index corrupt at /var/lib/help."));

        using var response = await server.Client.SendAsync(Http.Get("search?q=vpn"), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal("server_error", problem.GetProperty("code").GetString());
        Assert.Null(response.Headers.RetryAfter);
        Assert.DoesNotContain("/var/lib/help", problem.ToString(), StringComparison.Ordinal);
    }

    private static Task<ApiServer> StartAsync(Exception failure) => ApiServer.StartAsync(
        services: services => services.AddSingleton<IKnowledgeProvider>(new FailingProvider(failure)),
        cancellationToken: Token);

    private sealed class FailingProvider(Exception failure) : IKnowledgeProvider
    {
        public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) => Task.FromException<SearchResults>(failure);

        public Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default) => Task.FromException<SearchResults>(failure);

        public Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default) => Task.FromException<HelpArticle?>(failure);

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;
    }
}
