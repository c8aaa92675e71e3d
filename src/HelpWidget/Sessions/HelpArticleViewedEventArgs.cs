namespace HelpWidget;

/// <summary>Provides data for <see cref="HelpSession.ArticleViewed"/>: an article the user opened in the panel.</summary>
public sealed class HelpArticleViewedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="HelpArticleViewedEventArgs"/> class.</summary>
    /// <param name="articleId">The article's id.</param>
    /// <param name="language">The language it was shown in.</param>
    /// <exception cref="ArgumentNullException"><paramref name="articleId"/> or <paramref name="language"/> is <see langword="null"/>.</exception>
    public HelpArticleViewedEventArgs(string articleId, string language)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        ArgumentNullException.ThrowIfNull(language);
        ArticleId = articleId;
        Language = language;
    }

    /// <summary>Gets the article's id.</summary>
    public string ArticleId { get; }

    /// <summary>Gets the language the article was shown in, such as <c>sv</c>.</summary>
    public string Language { get; }
}
