using HelpWidget.Testing;

namespace HelpWidget.PostgreSql.Tests.Search;

/// <summary>Search over the articles shared through PostgreSQL (published, then read into Lucene) passes the provider conformance suite.</summary>
public sealed class PostgreSqlSearchConformanceTests(PostgreSqlTestServer server) : KnowledgeProviderConformanceTests
{
    private SearchInstance? _publisher;
    private SearchInstance? _instance;

    protected override async Task<IKnowledgeProvider> CreateProviderAsync(IReadOnlyList<HelpArticle> articles)
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var schema = PostgreSqlTestServer.NewSchema();

        // Published by one instance and searched on another, as in a deployment of several.
        _publisher = SearchInstance.Create(connectionString, schema);
        _instance = SearchInstance.Create(connectionString, schema);
        var result = await _publisher.Publisher.PublishAsync(articles, TestContext.Current.CancellationToken);
        Assert.Equal(articles.Count, result.Added);
        // A search waits for the index, which the first one builds.
        await _instance.Provider.SearchAsync(new SearchRequest { Query = "warm up" }, TestContext.Current.CancellationToken);
        return _instance.Provider;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync();
        }

        if (_publisher is not null)
        {
            await _publisher.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
