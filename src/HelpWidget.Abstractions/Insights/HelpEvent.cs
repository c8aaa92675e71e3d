namespace HelpWidget;

/// <summary>
/// One thing a user did with the widget, as recorded for insights. It carries no personal data: the user is a keyed
/// hash, the query is normalised and scrubbed of personal data, and there is no name, e-mail address or other text
/// the user typed.
/// </summary>
public sealed class HelpEvent
{
    /// <summary>The longest <see cref="Query"/>, in characters.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>Gets what happened.</summary>
    public required HelpEventKind Kind { get; init; }

    /// <summary>Gets when it happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>
    /// Gets the user as a keyed hash (HMAC-SHA256, 32 lowercase hexadecimal characters), the same for every session of
    /// one user and store; for an anonymous user, the hash of the session.
    /// </summary>
    public required string UserKey { get; init; }

    /// <summary>Gets the id of the help session, a random value: one user's use of the widget until 30 minutes of inactivity.</summary>
    public required string SessionId { get; init; }

    /// <summary>Gets the language the widget showed, such as <c>sv-SE</c>; <see langword="null"/> when unknown.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the route of the page, without query or fragment, such as <c>/expenses/new</c>; <see langword="null"/> when unknown.</summary>
    public string? Route { get; init; }

    /// <summary>Gets the article's id for views, votes and deflections; <see langword="null"/> otherwise.</summary>
    public string? ArticleId { get; init; }

    /// <summary>Gets the search, normalised (lower case, single spaces) and scrubbed of personal data; <see langword="null"/> for other kinds.</summary>
    public string? Query { get; init; }

    /// <summary>Gets the number of results of a search; <see langword="null"/> for other kinds.</summary>
    public int? ResultCount { get; init; }

    /// <summary>Gets where an article was opened from; <see cref="HelpArticleSource.Unknown"/> for other kinds.</summary>
    public HelpArticleSource Source { get; init; }

    /// <summary>Gets whether a voted article helped; <see langword="null"/> for other kinds.</summary>
    public bool? Helpful { get; init; }

    /// <summary>Gets the reason given with a "No" (one of the widget's reason codes), scrubbed; <see langword="null"/> when none.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the id of the announcement shown or dismissed; <see langword="null"/> for other kinds.</summary>
    public string? AnnouncementId { get; init; }

    /// <summary>Gets a value indicating whether the event was simulated (demonstration data), not done by a person.</summary>
    public bool IsSimulated { get; init; }

    /// <summary>Checks the rules every store enforces: lengths within limits, no control characters, a defined kind and source.</summary>
    /// <exception cref="ArgumentException">A field breaks a rule; the message names the field.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentException($"Kind {(int)Kind} is not a {nameof(HelpEventKind)}.", nameof(Kind));
        }

        if (!Enum.IsDefined(Source))
        {
            throw new ArgumentException($"Source {(int)Source} is not a {nameof(HelpArticleSource)}.", nameof(Source));
        }

        InputRules.RequireText(UserKey, nameof(UserKey), 64, allowLineBreaks: false);
        InputRules.RequireText(SessionId, nameof(SessionId), 64, allowLineBreaks: false);
        InputRules.OptionalText(Language, nameof(Language), 35);
        InputRules.OptionalText(Route, nameof(Route), 2048);
        InputRules.OptionalText(ArticleId, nameof(ArticleId), 128);
        InputRules.OptionalText(Query, nameof(Query), MaxQueryLength);
        InputRules.OptionalText(Reason, nameof(Reason), 100);
        InputRules.OptionalText(AnnouncementId, nameof(AnnouncementId), 128);
        if (ResultCount is < 0)
        {
            throw new ArgumentException("ResultCount must not be negative.", nameof(ResultCount));
        }
    }
}
