namespace HelpWidget;

/// <summary>
/// Supplies the full set of articles to a search engine that indexes them itself, such as the embedded Lucene engine.
/// </summary>
public interface IArticleSource
{
    /// <summary>Loads every article, in every language.</summary>
    /// <param name="cancellationToken">A token that cancels the load.</param>
    /// <returns>The articles; an article that cannot be read is left out and reported through logging.</returns>
    Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Occurs when articles were added, changed or removed since the last load; engines that index the articles
    /// call <see cref="LoadArticlesAsync"/> again. A source whose articles never change never raises it.
    /// </summary>
    event EventHandler? ArticlesChanged;
}
