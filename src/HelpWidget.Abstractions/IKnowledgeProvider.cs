namespace HelpWidget;

/// <summary>
/// A source of help knowledge: searches articles, suggests articles for a context and returns one article.
/// </summary>
/// <remarks>
/// Implementations must be safe for concurrent use, must treat every query as plain text (never as query
/// syntax) and must never return an article to a user outside the article's audience.
/// Caching, telemetry and fallback are added by wrapping a provider in a <see cref="DelegatingKnowledgeProvider"/>.
/// </remarks>
public interface IKnowledgeProvider
{
    /// <summary>Searches the articles that <paramref name="request"/>'s user may see.</summary>
    /// <param name="request">The query, context, user and language.</param>
    /// <param name="cancellationToken">A token that cancels the search.</param>
    /// <returns>The matching articles, best first; never <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Suggests articles for the context in <paramref name="request"/>, ignoring its query text.</summary>
    /// <param name="request">The context, user and language.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The suggested articles, most relevant first; never <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets one article in the requested language, or in the default language when it has no translation.</summary>
    /// <param name="request">The article id, user and language.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The article, or <see langword="null"/> when no article with that id exists for the user.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default);

    /// <summary>Asks the provider, or a provider it wraps, for a service of the given type.</summary>
    /// <param name="serviceType">The type of the service requested.</param>
    /// <param name="serviceKey">An optional key that identifies the service.</param>
    /// <returns>The service, or <see langword="null"/> when the provider has none.</returns>
    object? GetService(Type serviceType, object? serviceKey = null);
}
