using HelpWidget.Lucene;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpWidget.PostgreSql.Tests.Search;

/// <summary>One instance of an app whose search reads the articles shared through PostgreSQL: its own services and data source.</summary>
internal sealed class SearchInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SearchInstance(ServiceProvider services) => _services = services;

    public IServiceProvider Services => _services;

    public IKnowledgeProvider Provider => _services.GetRequiredService<IKnowledgeProvider>();

    public IArticleSource Source => _services.GetRequiredService<IArticleSource>();

    public IArticlePublisher Publisher => _services.GetRequiredService<IArticlePublisher>();

    /// <param name="connectionString">The database.</param>
    /// <param name="schema">The store's schema; instances sharing it share the articles.</param>
    /// <param name="configure">More registrations, before the shared articles (a local source to publish, say).</param>
    /// <param name="options">The shared articles' options.</param>
    public static SearchInstance Create(string connectionString, string schema, Action<IHelpWidgetBuilder>? configure = null, Action<PostgreSqlArticleOptions>? options = null)
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddHelpWidget();
        configure?.Invoke(builder);
        builder.AddPostgreSqlStore(store =>
            {
                store.ConnectionString = connectionString;
                store.Schema = schema;
            })
            .AddPostgreSqlArticles(options)
            .AddLuceneSearch(lucene => lucene.SynonymsPath = null);
        return new SearchInstance(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    /// <summary>Starts the hosted services, as the app's host does.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StartAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<string>> SearchAsync(string query, string language = "en")
    {
        var results = await Provider.SearchAsync(new SearchRequest { Query = query, Language = language, MaxResults = 10 }, TestContext.Current.CancellationToken);
        return [.. results.Hits.Select(hit => hit.Id)];
    }

    /// <summary>
    /// Searches until <paramref name="condition"/> holds of the ids found, or fails after 30 seconds (the machine may be
    /// loaded). The change reaches the index in the background, after a notification: there is nothing else to wait on.
    /// </summary>
    public async Task<IReadOnlyList<string>> SearchUntilAsync(string query, Func<IReadOnlyList<string>, bool> condition, string language = "en")
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(TimeSpan.FromSeconds(30).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            var ids = await SearchAsync(query, language);
            if (condition(ids))
            {
                return ids;
            }

            Assert.True(TimeProvider.System.GetTimestamp() < deadline, $"The search for '{query}' did not come to the expected result within 30 s; it finds [{string.Join(", ", ids)}].");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
