using HelpWidget.Lucene;
using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.PostgreSql.Tests.Search;

/// <summary>What readers taught search on one instance (the searches after which an article helped) ranks on the others too.</summary>
public sealed class LearnedSearchSharingTests(PostgreSqlTestServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveFeedbackAsync_HelpfulAfterASearch_TeachesTheOtherInstanceWithinItsSignalsRefresh()
    {
        var (connectionString, schema) = (await server.CreateDatabaseAsync(Token), PostgreSqlTestServer.NewSchema());
        await using var first = SearchInstance.Create(connectionString, schema);
        await using var second = SearchInstance.Create(connectionString, schema, builder => builder.Services.Configure<LuceneSearchOptions>(options => options.SignalsRefreshInterval = TimeSpan.FromSeconds(1)));
        await first.Publisher.PublishAsync(
            [
                TestArticles.Article("vpn", "Connect to the VPN", "Start the client from the tray and sign in."),
                TestArticles.Article("printer", "Add a printer", "Pick the printer nearest to you."),
            ],
            Token);
        Assert.Empty(await second.SearchAsync("zorbly quimbat"));

        var store = first.Services.GetRequiredService<IHelpStore>();
        for (var i = 0; i < 3; i++)
        {
            await store.SaveFeedbackAsync(new ArticleFeedback { ArticleId = "vpn", Language = "en", Helpful = true, Query = "zorbly quimbat", CreatedAt = TimeProvider.System.GetUtcNow() }, Token);
        }

        Assert.Equal("vpn", (await second.SearchUntilAsync("zorbly quimbat", ids => ids.Count > 0))[0]);
    }
}
