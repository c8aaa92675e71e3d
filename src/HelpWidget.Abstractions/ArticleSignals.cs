namespace HelpWidget;

/// <summary>What users' answers say about one article, in all its languages.</summary>
public sealed class ArticleSignals
{
    /// <summary>Gets the number of "Yes" answers to "Was this helpful?". Defaults to 0.</summary>
    public int HelpfulVotes { get; init; }

    /// <summary>Gets the number of "No" answers to "Was this helpful?". Defaults to 0.</summary>
    public int UnhelpfulVotes { get; init; }
}
