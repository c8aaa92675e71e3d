using HelpWidget.Testing;
using Npgsql;

namespace HelpWidget.PostgreSql.Tests.Search;

/// <summary>Articles published once reach every instance's search: additions, changes and removals, and nothing else.</summary>
public sealed class ArticleSharingTests(PostgreSqlTestServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly HelpArticle[] s_articles =
    [
        TestArticles.Article("vpn", "Connect to the VPN", "Start the client from the tray and sign in.", language: "en"),
        TestArticles.Article("printer", "Add a printer", "Pick the printer nearest to you from the list.", language: "en"),
        TestArticles.Article("vpn", "Anslut till VPN", "Starta klienten och logga in.", language: "sv"),
    ];

    [Fact]
    public async Task PublishAsync_ChangeOnOneInstance_IsFoundByTheOtherInstance()
    {
        var (connectionString, schema) = await NewStoreAsync();
        await using var first = SearchInstance.Create(connectionString, schema);
        await using var second = SearchInstance.Create(connectionString, schema);
        await first.Publisher.PublishAsync(s_articles, Token);
        Assert.Equal(["printer"], await second.SearchAsync("printer"));

        HelpArticle[] changed = [s_articles[0], TestArticles.Article("printer", "Add a printer", "Pick the plotter on the third floor.", language: "en"), s_articles[2]];
        var result = await first.Publisher.PublishAsync(changed, Token);

        Assert.Equal((0, 1, 0, 2), (result.Added, result.Changed, result.Removed, result.Unchanged));
        Assert.Equal(["printer"], await second.SearchUntilAsync("plotter", ids => ids.Count > 0));
        Assert.Equal(["printer"], await first.SearchUntilAsync("plotter", ids => ids.Count > 0));
    }

    [Fact]
    public async Task PublishAsync_MissingAndNewArticles_AreRemovedAndAddedOnTheOtherInstance()
    {
        var (connectionString, schema) = await NewStoreAsync();
        await using var first = SearchInstance.Create(connectionString, schema);
        await using var second = SearchInstance.Create(connectionString, schema);
        await first.Publisher.PublishAsync(s_articles, Token);
        Assert.Equal(["vpn"], await second.SearchAsync("vpn"));

        var result = await first.Publisher.PublishAsync([s_articles[1], s_articles[2], TestArticles.Article("wifi", "Join the guest wifi", "Ask reception for the code.", language: "en")], Token);

        Assert.Equal((1, 0, 1, 2), (result.Added, result.Changed, result.Removed, result.Unchanged));
        Assert.Equal(["wifi"], await second.SearchUntilAsync("guest wifi", ids => ids.Count > 0));
        Assert.Empty(await second.SearchUntilAsync("client tray", ids => ids.Count == 0));
        Assert.Equal(["vpn"], await second.SearchAsync("logga in klienten", "sv"));
        var held = await second.Source.LoadArticlesAsync(Token);
        Assert.Equal(["en/printer", "en/wifi", "sv/vpn"], held.Select(a => a.Language + "/" + a.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_RemovedArticlePublishedAgain_IsAddedBack()
    {
        var (connectionString, schema) = await NewStoreAsync();
        await using var instance = SearchInstance.Create(connectionString, schema);
        await instance.Publisher.PublishAsync(s_articles, Token);
        await instance.Publisher.PublishAsync(s_articles[1..], Token);

        var result = await instance.Publisher.PublishAsync(s_articles, Token);

        Assert.Equal((1, 0, 0, 2), (result.Added, result.Changed, result.Removed, result.Unchanged));
        Assert.Equal(["vpn"], await instance.SearchUntilAsync("client tray", ids => ids.Count > 0));
    }

    [Fact]
    public async Task PublishAsync_AfterAnotherInstancePublished_ComparesWithWhatThatInstanceWrote()
    {
        var (connectionString, schema) = await NewStoreAsync();
        await using var first = SearchInstance.Create(connectionString, schema);
        await using var second = SearchInstance.Create(connectionString, schema);
        await first.Publisher.PublishAsync(s_articles, Token);
        await second.Publisher.PublishAsync([s_articles[0], TestArticles.Article("printer", "Add a printer", "Changed elsewhere.", language: "en")], Token);

        var result = await first.Publisher.PublishAsync(s_articles, Token);

        Assert.Equal((1, 1, 0, 1), (result.Added, result.Changed, result.Removed, result.Unchanged));
        Assert.Equal(["vpn"], await second.SearchUntilAsync("logga in klienten", ids => ids.Count > 0, "sv"));
    }

    [Fact]
    public async Task PublishAsync_SameArticlesAgain_WritesAndNotifiesNothing()
    {
        var (connectionString, schema) = await NewStoreAsync();
        await using var first = SearchInstance.Create(connectionString, schema);
        await first.Publisher.PublishAsync(s_articles, Token);
        var version = await NewestVersionAsync(connectionString, schema);

        // Equal articles, not the same objects: the content decides.
        var result = await first.Publisher.PublishAsync([.. s_articles.Select(Copy)], Token);

        Assert.False(result.HasChanges);
        Assert.Equal(3, result.Unchanged);
        Assert.Equal(version, await NewestVersionAsync(connectionString, schema));
    }

    [Fact]
    public async Task LoadArticlesAsync_AfterOneChange_ReadsOnlyThatRowAndKeepsTheOtherArticles()
    {
        var (connectionString, schema) = await NewStoreAsync();
        await using var first = SearchInstance.Create(connectionString, schema);
        await using var second = SearchInstance.Create(connectionString, schema);
        await first.Publisher.PublishAsync(s_articles, Token);
        var before = await second.Source.LoadArticlesAsync(Token);

        await first.Publisher.PublishAsync([s_articles[0], TestArticles.Article("printer", "Add a printer", "Now with colour.", language: "en"), s_articles[2]], Token);
        var after = await second.Source.LoadArticlesAsync(Token);

        // The same objects for what did not change: an engine comparing by reference re-indexes one article.
        Assert.Equal(3, after.Count);
        Assert.Same(before.Single(a => a.Id == "vpn" && a.Language == "en"), after.Single(a => a.Id == "vpn" && a.Language == "en"));
        Assert.Same(before.Single(a => a.Language == "sv"), after.Single(a => a.Language == "sv"));
        Assert.Equal("Now with colour.", after.Single(a => a.Id == "printer").Text);
    }

    [Fact]
    public async Task LoadArticlesAsync_TableEmptiedByHand_ReadsItWholeAgain()
    {
        var (connectionString, schema) = await NewStoreAsync();
        await using var instance = SearchInstance.Create(connectionString, schema);
        await instance.Publisher.PublishAsync(s_articles, Token);
        Assert.Equal(3, (await instance.Source.LoadArticlesAsync(Token)).Count);

        await ExecuteAsync(connectionString, $"TRUNCATE {schema}.articles; ALTER SEQUENCE {schema}.article_versions RESTART");
        Assert.Empty(await instance.Source.LoadArticlesAsync(Token));

        var result = await instance.Publisher.PublishAsync(s_articles[..1], Token);
        Assert.Equal((1, 0, 0), (result.Added, result.Changed, result.Removed));
        Assert.Equal(["vpn"], (await instance.Source.LoadArticlesAsync(Token)).Select(a => a.Id));
    }

    [Fact]
    public async Task LoadArticlesAsync_UnreadableRow_IsLeftOutAndTheRestServed()
    {
        var (connectionString, schema) = await NewStoreAsync();
        await using var instance = SearchInstance.Create(connectionString, schema);
        await instance.Publisher.PublishAsync(s_articles, Token);

        // A row written by hand, not by a publisher: a document that is not an article.
        await ExecuteAsync(connectionString, $"INSERT INTO {schema}.articles (language, id, content_hash, document, version) VALUES ('en', 'broken', 'x', '{{\"Title\": 5}}', nextval('{schema}.article_versions'))");

        var held = await instance.Source.LoadArticlesAsync(Token);
        Assert.Equal(["printer", "vpn", "vpn"], held.Select(a => a.Id).Order(StringComparer.Ordinal));
    }

    private async Task<(string ConnectionString, string Schema)> NewStoreAsync() =>
        (await server.CreateDatabaseAsync(Token), PostgreSqlTestServer.NewSchema());

    private static HelpArticle Copy(HelpArticle a) => new()
    {
        Id = new string(a.Id.AsSpan()),
        Language = a.Language,
        Title = new string(a.Title.AsSpan()),
        Summary = a.Summary,
        Html = a.Html,
        Text = new string(a.Text.AsSpan()),
        Tags = [.. a.Tags],
        Contexts = [.. a.Contexts],
        Audiences = [.. a.Audiences],
        Related = [.. a.Related],
    };

    private static async Task<long> NewestVersionAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand($"SELECT last_value FROM {schema}.article_versions", connection);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }
}
