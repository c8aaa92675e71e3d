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
}
