namespace HelpWidget;

/// <summary>
/// Supplies what users' answers say about articles, for ranking. A help store that keeps feedback implements it;
/// engines use the signals only to reorder articles that already match, within a bounded factor.
/// </summary>
public interface IArticleSignalSource
{
    /// <summary>Gets the signals of every article that has any, by article id.</summary>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The signals; articles without any are absent.</returns>
    Task<IReadOnlyDictionary<string, ArticleSignals>> GetArticleSignalsAsync(CancellationToken cancellationToken = default);
}
