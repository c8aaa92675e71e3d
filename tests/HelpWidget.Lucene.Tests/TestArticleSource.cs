namespace HelpWidget.Lucene.Tests;

/// <summary>An article source over a list the test can replace, counting how often it is read.</summary>
internal sealed class TestArticleSource(params HelpArticle[] articles) : IArticleSource
{
    private volatile HelpArticle[] _articles = articles;
    private int _loads;

    public event EventHandler? ArticlesChanged;

    public int Loads => _loads;

    public Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _loads);
        return Task.FromResult<IReadOnlyList<HelpArticle>>(_articles);
    }

    public void Change(params HelpArticle[] articles)
    {
        _articles = articles;
        ArticlesChanged?.Invoke(this, EventArgs.Empty);
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
