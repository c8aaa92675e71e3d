namespace HelpWidget;

/// <summary>
/// What happened with one article in a period: how often it was read (and how often from a search), its votes (the last
/// answer of each user counting) and the contact forms opened after it. Figures of several articles add up: each view,
/// vote and contact counts for one article only, so the figures of a group of articles (an area) are their sums.
/// </summary>
public sealed class HelpArticleFigures
{
    /// <summary>Gets the article's id.</summary>
    public required string ArticleId { get; init; }

    /// <summary>Gets the number of times the article was opened.</summary>
    public int Views { get; init; }

    /// <summary>Gets the number of times it was opened from search results: searches that ended in this article.</summary>
    public int ViewsFromSearch { get; init; }

    /// <summary>Gets the number of "Yes" answers.</summary>
    public int Yes { get; init; }

    /// <summary>Gets the number of "No" answers.</summary>
    public int No { get; init; }

    /// <summary>
    /// Gets the number of contact forms opened in a help session whose last article read before it was this one (the
    /// article did not solve the problem).
    /// </summary>
    public int ContactsAfter { get; init; }
}
