namespace HelpWidget;

/// <summary>An answer to "Was this helpful?" for one article.</summary>
public sealed class ArticleFeedback
{
    /// <summary>The longest comment accepted, in characters.</summary>
    public const int MaxCommentLength = 1000;

    /// <summary>The longest <see cref="Query"/> accepted, in characters.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>
    /// Gets the id of this answer, so that details given later (a reason, a comment) update it instead of counting
    /// as a second answer; <see langword="null"/> always stores a new answer. Defaults to <see langword="null"/>.
    /// </summary>
    public string? FeedbackId { get; init; }

    /// <summary>Gets the id of the article.</summary>
    public required string ArticleId { get; init; }

    /// <summary>Gets the language of the article that was read.</summary>
    public required string Language { get; init; }

    /// <summary>Gets a value indicating whether the article helped.</summary>
    public required bool Helpful { get; init; }

    /// <summary>Gets why the article did not help; <see langword="null"/> when not given.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the user's comment; <see langword="null"/> when not given.</summary>
    public string? Comment { get; init; }

    /// <summary>Gets the route of the page where the article was read; <see langword="null"/> when unknown.</summary>
    public string? Route { get; init; }

    /// <summary>
    /// Gets the search after which the reader reached the article, with personal data already removed;
    /// <see langword="null"/> when they did not come from search results. Search engines learn from helpful answers
    /// how people ask for an article (<see cref="ArticleSignals.HelpfulQueries"/>).
    /// </summary>
    public string? Query { get; init; }

    /// <summary>Gets when the answer was given.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Checks the rules every store enforces: an article id and language, lengths within the limits, no control characters.</summary>
    /// <exception cref="ArgumentException">A field breaks a rule; the message names the field.</exception>
    public void Validate()
    {
        if (FeedbackId is not null)
        {
            InputRules.RequireKey(FeedbackId, nameof(FeedbackId));
        }

        InputRules.RequireText(ArticleId, nameof(ArticleId), 128, allowLineBreaks: false);
        InputRules.RequireText(Language, nameof(Language), 35, allowLineBreaks: false);
        InputRules.OptionalText(Reason, nameof(Reason), 100);
        InputRules.OptionalText(Comment, nameof(Comment), MaxCommentLength, allowLineBreaks: true);
        InputRules.OptionalText(Route, nameof(Route), 2048);
        InputRules.OptionalText(Query, nameof(Query), MaxQueryLength);
    }
}
