using HelpWidget.Lucene;
using HelpWidget.Lucene.Semantic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpWidget.Benchmarks;

/// <summary>The product's engine over a fixed set of articles that the benchmark can replace.</summary>
internal sealed class Engine : IArticleSource, IDisposable
{
    private IReadOnlyList<HelpArticle> _articles;

    /// <param name="articles">The articles.</param>
    /// <param name="indexPath">The folder of the index, or <see langword="null"/> to keep it in memory.</param>
    /// <param name="generator">The English embedding generator, or <see langword="null"/> for word matching alone.</param>
    /// <param name="semantic">The meaning-aware layer's options when there is a generator.</param>
    public Engine(IReadOnlyList<HelpArticle> articles, string? indexPath = null, IEmbeddingGenerator<string, Embedding<float>>? generator = null, SemanticSearchOptions? semantic = null)
    {
        _articles = articles;
        Provider = new LuceneKnowledgeProvider(
            this,
            NullLogger<LuceneKnowledgeProvider>.Instance,
            Options.Create(new LuceneSearchOptions { IndexPath = indexPath }),
            time: Time,
            semanticOptions: Options.Create(semantic ?? new SemanticSearchOptions { VectorCachePath = null }),
            generators: new EmbeddingGenerators(language => language == "en" ? generator : null));
    }

    /// <summary>Gets the engine's clock, which moves only when the benchmark advances it (to end a quiet period).</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new();

    public event EventHandler? ArticlesChanged;

    public LuceneKnowledgeProvider Provider { get; }

    public IReadOnlyList<HelpArticle> Articles => _articles;

    public Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default) => Task.FromResult(_articles);

    /// <summary>Replaces the articles and reports the change; the task completes when the provider has swapped in the result.</summary>
    public Task ReplaceAsync(IReadOnlyList<HelpArticle> articles)
    {
        var reloaded = Provider.NextReload;
        _articles = articles;
        ArticlesChanged?.Invoke(this, EventArgs.Empty);
        return reloaded;
    }

    public void Dispose() => Provider.Dispose();
}
