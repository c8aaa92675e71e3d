namespace HelpWidget;

/// <summary>
/// A knowledge provider that passes every call to an inner provider. Derive from it to add caching,
/// telemetry, fallback or any other behaviour around an existing provider.
/// </summary>
public class DelegatingKnowledgeProvider : IKnowledgeProvider, IDisposable
{
    /// <summary>Initializes a new instance of the <see cref="DelegatingKnowledgeProvider"/> class.</summary>
    /// <param name="innerProvider">The provider that receives the calls.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerProvider"/> is <see langword="null"/>.</exception>
    protected DelegatingKnowledgeProvider(IKnowledgeProvider innerProvider)
    {
        ArgumentNullException.ThrowIfNull(innerProvider);
        InnerProvider = innerProvider;
    }

    /// <summary>Gets the provider that receives the calls.</summary>
    protected IKnowledgeProvider InnerProvider { get; }

    /// <inheritdoc />
    public virtual Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
        InnerProvider.SearchAsync(request, cancellationToken);

    /// <inheritdoc />
    public virtual Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
        InnerProvider.SuggestAsync(request, cancellationToken);

    /// <inheritdoc />
    public virtual Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default) =>
        InnerProvider.GetArticleAsync(request, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this)
            ? this
            : InnerProvider.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner provider when <paramref name="disposing"/> is <see langword="true"/>.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && InnerProvider is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
