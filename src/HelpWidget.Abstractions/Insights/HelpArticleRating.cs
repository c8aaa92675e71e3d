namespace HelpWidget;

/// <summary>The answers to "Was this helpful?" for one article in a period, the last answer of each user counting.</summary>
public sealed class HelpArticleRating
{
    /// <summary>Gets the article's id.</summary>
    public required string ArticleId { get; init; }

    /// <summary>Gets the number of "Yes" answers.</summary>
    public required int Yes { get; init; }

    /// <summary>Gets the number of "No" answers.</summary>
    public required int No { get; init; }

    /// <summary>Gets the helpfulness, yes / (yes + no), from 0 to 1.</summary>
    public double Helpfulness => Yes + No == 0 ? 0 : (double)Yes / (Yes + No);

    /// <summary>Gets the reasons given with "No" and how often each was given, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Reasons { get; init; } = [];

    /// <summary>
    /// Gets up to 5 comments given with a "No" for the article in the period, most recent first, from the feedback
    /// the store keeps (<see cref="ArticleFeedback.Comment"/>), scrubbed of personal data when read. Empty when the
    /// store keeps no comments or has no scrubber. Defaults to empty.
    /// </summary>
    public IReadOnlyList<string> Comments { get; init; } = [];

    /// <summary>The most comments a <see cref="HelpArticleRating"/> holds.</summary>
    public const int MaxComments = 5;
}
