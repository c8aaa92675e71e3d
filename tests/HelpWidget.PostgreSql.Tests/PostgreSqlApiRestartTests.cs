using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HelpWidget.AspNetCore;
using HelpWidget.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpWidget.PostgreSql.Tests;

/// <summary>What a caller of the HTTP API gets while the database restarts: an app on real Kestrel at 127.0.0.1.</summary>
public sealed class PostgreSqlApiRestartTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_the_database_is_down_the_API_answers_a_localised_try_again_later_and_afterwards_stores_again_without_a_restart()
    {
        await using var server = await PostgreSqlTestServer.StartPrivateAsync();
        var connectionString = await server.CreateDatabaseAsync(Token);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = typeof(PostgreSqlApiRestartTests).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHelpWidget()
            .AddKnowledgeProvider(_ => new OneArticle())
            .AddPostgreSqlStore(options => options.ConnectionString = connectionString)
            .AddHelpWidgetApi();
        await using var app = builder.Build();
        app.UseCors();
        app.UseRateLimiter();
        app.MapHelpWidgetApi();
        await app.StartAsync(Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(new Uri(address), "/helpwidget/api/") };

        Assert.Equal(HttpStatusCode.NoContent, (await PostFeedbackAsync(client, "before", "en")).StatusCode);

        await server.StopAsync();
        using (var english = await PostFeedbackAsync(client, "during", "en"))
        using (var swedish = await PostFeedbackAsync(client, "during-sv", "sv"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, english.StatusCode);
            Assert.Equal("5", english.Headers.RetryAfter?.ToString());
            Assert.Equal("application/problem+json", english.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Help cannot reach its storage just now. Try again in 5 seconds.", await DetailAsync(english));
            Assert.Equal("Hjälpen når inte sin lagring just nu. Försök igen om 5 sekunder.", await DetailAsync(swedish));
            Assert.DoesNotContain("127.0.0.1", await english.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        await server.StartAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await PostFeedbackAsync(client, "after", "en")).StatusCode);

        var signals = await app.Services.GetRequiredService<IArticleSignalSource>().GetArticleSignalsAsync(Token);
        Assert.Equal(2, signals["vpn"].HelpfulVotes);
        await app.StopAsync(Token);
    }

    private static Task<HttpResponseMessage> PostFeedbackAsync(HttpClient client, string feedbackId, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "feedback")
        {
            Content = new StringContent($$"""{"feedbackId":"{{feedbackId}}","articleId":"vpn","language":"en","helpful":true}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client.SendAsync(request, Token);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        return problem.RootElement.GetProperty("detail").GetString();
    }

    private sealed class OneArticle : IKnowledgeProvider
    {
        private readonly HelpArticle _article = TestArticles.Article("vpn", "Connect to the VPN", "Open the VPN client and sign in.");

        public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) => Task.FromResult(SearchResults.Empty);

        public Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default) => Task.FromResult(SearchResults.Empty);

        public Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(request.ArticleId == _article.Id ? _article : null);

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }
}
