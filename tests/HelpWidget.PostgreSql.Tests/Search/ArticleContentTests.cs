using HelpWidget.Testing;

namespace HelpWidget.PostgreSql.Tests.Search;

/// <summary>Whatever an article holds comes back from the database as it went in, or is refused with a reason.</summary>
public sealed class ArticleContentTests(PostgreSqlTestServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> HostileText { get; } =
    [
        "<script>alert('x')</script>", "'); DROP TABLE articles; --", "\" OR \"1\"=\"1", "\\u0000 is written, not the character",
        "{\"Title\": \"not me\"}", "$1 $$ $body$ :name @p", "🔑🔒 emoji and \uD83D\uDE00", "\u202Eright to left", "مرحبا", "密码",
        "line\r\nbreak\ttab\u001b[31m", "../../etc/passwd", "%00%0d%0a", "\uD800 lone surrogate", new string('x', 200_000),
    ];

    [Theory]
    [MemberData(nameof(HostileText))]
    public async Task PublishAsync_HostileContent_ComesBackUnchangedOnAnotherInstance(string text)
    {
        var (connectionString, schema) = (await server.CreateDatabaseAsync(Token), PostgreSqlTestServer.NewSchema());
        await using var first = SearchInstance.Create(connectionString, schema);
        await using var second = SearchInstance.Create(connectionString, schema);
        var article = new HelpArticle
        {
            Id = "id/with ../odd' chars",
            Language = "en",
            Title = "Title " + text,
            Summary = text,
            Html = "<p>" + text + "</p>",
            Text = text,
            Tags = [text, "tag"],
            Contexts = ["/path", text],
            Audiences = [],
            Related = [text],
        };

        var result = await first.Publisher.PublishAsync([article], Token);
        var back = Assert.Single(await second.Source.LoadArticlesAsync(Token));

        Assert.Equal(1, result.Added);
        Assert.Equivalent(Expected(article), back, strict: true);
    }

    [Fact]
    public async Task PublishAsync_UnstorableArticles_AreRefusedWithTheirReasonAndTheRestPublished()
    {
        var (connectionString, schema) = (await server.CreateDatabaseAsync(Token), PostgreSqlTestServer.NewSchema());
        await using var instance = SearchInstance.Create(connectionString, schema);
        HelpArticle[] articles =
        [
            TestArticles.Article("fine", "A fine article", "Nothing odd."),
            TestArticles.Article("nul", "Has a NUL", "pass\u0000word"),
            TestArticles.Article("", "No id", "Text."),
            TestArticles.Article(new string('i', 129), "Long id", "Text."),
            TestArticles.Article("fine", "The same id again", "Second."),
            TestArticles.Article("fine", "Same id, other language", "Andra.", language: "sv"),
        ];

        var result = await instance.Publisher.PublishAsync(articles, Token);

        Assert.Equal(2, result.Added);
        Assert.Equal(["nul", "", new string('i', 129), "fine"], result.Refused.Select(r => r.Id));
        Assert.Contains("NUL", result.Refused[0].Reason, StringComparison.Ordinal);
        Assert.Contains("id", result.Refused[1].Reason, StringComparison.Ordinal);
        Assert.Contains("128", result.Refused[2].Reason, StringComparison.Ordinal);
        Assert.Contains("same id and language", result.Refused[3].Reason, StringComparison.Ordinal);
        var held = await instance.Source.LoadArticlesAsync(Token);
        Assert.Equal(["A fine article", "Same id, other language"], held.Select(a => a.Title).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_NullList_Throws()
    {
        var (connectionString, schema) = (await server.CreateDatabaseAsync(Token), PostgreSqlTestServer.NewSchema());
        await using var instance = SearchInstance.Create(connectionString, schema);

        await Assert.ThrowsAsync<ArgumentNullException>(() => instance.Publisher.PublishAsync(null!, Token));
    }

    /// <summary>A lone surrogate cannot be encoded as UTF-8: it is stored as the replacement character, as any UTF-8 store does.</summary>
    private static HelpArticle Expected(HelpArticle article)
    {
        static string Clean(string value) => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(value));
        return new HelpArticle
        {
            Id = Clean(article.Id),
            Language = article.Language,
            Title = Clean(article.Title),
            Summary = Clean(article.Summary),
            Html = Clean(article.Html),
            Text = Clean(article.Text),
            Tags = [.. article.Tags.Select(Clean)],
            Contexts = [.. article.Contexts.Select(Clean)],
            Audiences = [.. article.Audiences],
            Related = [.. article.Related.Select(Clean)],
        };
    }
}
