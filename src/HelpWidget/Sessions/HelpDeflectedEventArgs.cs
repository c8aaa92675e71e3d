namespace HelpWidget;

/// <summary>
/// Provides data for <see cref="HelpSession.Deflected"/>: the user said an article suggested on the contact form
/// solved their problem, so no ticket was sent.
/// </summary>
public sealed class HelpDeflectedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="HelpDeflectedEventArgs"/> class.</summary>
    /// <param name="articleId">The id of the article that solved the problem.</param>
    /// <exception cref="ArgumentNullException"><paramref name="articleId"/> is <see langword="null"/>.</exception>
    public HelpDeflectedEventArgs(string articleId)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        ArticleId = articleId;
    }

    /// <summary>Gets the id of the article that solved the problem.</summary>
    public string ArticleId { get; }
}
