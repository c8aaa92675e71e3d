using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.PostgreSql.Tests.Search;

/// <summary>An instance that owns publishing puts its local articles into the database when it starts and after each local change.</summary>
public sealed class LocalArticlePublishingTests(PostgreSqlTestServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_PublishLocalArticles_PublishesThemAndEveryLocalChange()
    {
        var (connectionString, schema) = (await server.CreateDatabaseAsync(Token), PostgreSqlTestServer.NewSchema());
        var local = new LocalSource([TestArticles.Article("vpn", "Connect to the VPN", "Start the client from the tray.")]);
        await using var owner = SearchInstance.Create(connectionString, schema, builder => builder.Services.AddSingleton<IArticleSource>(local), options => options.PublishLocalArticles = true);
        await using var reader = SearchInstance.Create(connectionString, schema);

        await owner.StartAsync(Token);

        Assert.Equal(["vpn"], await reader.SearchUntilAsync("tray", ids => ids.Count > 0));
        local.Replace([TestArticles.Article("vpn", "Connect to the VPN", "Start the client from the dock.")]);
        Assert.Equal(["vpn"], await reader.SearchUntilAsync("dock", ids => ids.Count > 0));
        Assert.Empty(await reader.SearchUntilAsync("tray", ids => ids.Count == 0));

        // The owner's own search reads the database too, not its local files.
        Assert.IsNotType<LocalSource>(owner.Source);
        Assert.Equal(["vpn"], await owner.SearchUntilAsync("dock", ids => ids.Count > 0));
    }

    [Fact]
    public async Task StartAsync_PublishLocalArticlesWithoutLocalSource_FailsNamingWhatToAdd()
    {
        var (connectionString, schema) = (await server.CreateDatabaseAsync(Token), PostgreSqlTestServer.NewSchema());
        await using var instance = SearchInstance.Create(connectionString, schema, options: options => options.PublishLocalArticles = true);
        var publishing = instance.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Microsoft.Extensions.Hosting.BackgroundService>().Single(s => s.GetType().Name == "LocalArticlePublishing");

        await publishing.StartAsync(Token);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => publishing.ExecuteTask!);
        Assert.Contains("AddMarkdownContent()", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0.5)]
    [InlineData(86_401)]
    public void Options_PollIntervalOutOfRange_FailsNamingTheValue(double seconds)
    {
        var services = new ServiceCollection();
        services.AddHelpWidget().AddPostgreSqlStore(store => store.ConnectionString = "Host=127.0.0.1").AddPostgreSqlArticles(options => options.PollInterval = TimeSpan.FromSeconds(seconds));
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PostgreSqlArticleOptions>>().Value);

        Assert.Contains("PollInterval", failure.Message, StringComparison.Ordinal);
        Assert.Contains(TimeSpan.FromSeconds(seconds).ToString(), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPostgreSqlArticles_WithoutTheStore_FailsNamingWhatToAdd()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget().AddPostgreSqlArticles();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IArticleSource>());

        Assert.Contains("AddPostgreSqlStore()", failure.Message, StringComparison.Ordinal);
    }

    private sealed class LocalSource(IReadOnlyList<HelpArticle> articles) : IArticleSource
    {
        private IReadOnlyList<HelpArticle> _articles = articles;

        public event EventHandler? ArticlesChanged;

        public Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default) => Task.FromResult(_articles);

        public void Replace(IReadOnlyList<HelpArticle> articles)
        {
            _articles = articles;
            ArticlesChanged?.Invoke(this, EventArgs.Empty);
        }
    }
}
