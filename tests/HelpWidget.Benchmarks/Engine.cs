using HelpWidget.Lucene;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpWidget.Benchmarks;

/// <summary>The product's engine over a fixed set of articles that the benchmark can replace.</summary>
internal sealed class Engine : IArticleSource, IDisposable
{
    private IReadOnlyList<HelpArticle> _articles;

    public Engine(IReadOnlyList<HelpArticle> articles)
    {
        _articles = articles;
        Provider = new LuceneKnowledgeProvider(this, Options.Create(new HelpWidgetOptions()), NullLogger<LuceneKnowledgeProvider>.Instance);
    }

    public event EventHandler? ArticlesChanged;

    public LuceneKnowledgeProvider Provider { get; }

    public Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default) => Task.FromResult(_articles);

    public Task ReplaceAsync(IReadOnlyList<HelpArticle> articles)
    {
        var reloaded = Provider.NextReload;
        _articles = articles;
        ArticlesChanged?.Invoke(this, EventArgs.Empty);
        return reloaded;
    }

    public void Dispose() => Provider.Dispose();
}
