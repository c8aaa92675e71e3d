namespace HelpWidget;

/// <summary>What users' answers say about one article, in all its languages.</summary>
public sealed class ArticleSignals
{
    /// <summary>Gets the number of "Yes" answers to "Was this helpful?". Defaults to 0.</summary>
    public int HelpfulVotes { get; init; }

    /// <summary>Gets the number of "No" answers to "Was this helpful?". Defaults to 0.</summary>
    public int UnhelpfulVotes { get; init; }

    /// <summary>
    /// Gets searches after which readers found the article helpful, normalised (lower case, single spaces), most
    /// frequent first: how people ask for it in their own words. Engines match new searches against them, so an
    /// article is found by the words its readers use even when it is written in others. Defaults to empty.
    /// </summary>
    /// <remarks>
    /// A search counts when, for this article, its "Yes" answers outnumber its "No" answers; a store keeps at most the
    /// 20 searches that lead there most often.
    /// </remarks>
    public IReadOnlyList<string> HelpfulQueries { get; init; } = [];
}
