namespace HelpWidget.Lucene.Tests;

/// <summary>An article source over a fixed list, counting how often it is read.</summary>
internal sealed class TestArticleSource(params HelpArticle[] articles) : IArticleSource
{
    public int Loads { get; private set; }

    public Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default)
    {
        Loads++;
        return Task.FromResult<IReadOnlyList<HelpArticle>>(articles);
    }

    public static HelpArticle Article(string id, string title, string text, string language = "en", string[]? contexts = null, string[]? audiences = null, string[]? tags = null) => new()
    {
        Id = id,
        Language = language,
        Title = title,
        Summary = title,
        Text = text,
        Html = $"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>",
        Contexts = contexts ?? [],
        Audiences = audiences ?? [],
        Tags = tags ?? [],
    };
}
