namespace HelpWidget;

/// <summary>
/// An insight event as a store keeps it, with the marks the store sets when later events change its meaning; what
/// <see cref="HelpInsightsCounters.Of"/> counts and <see cref="HelpInsightsAccumulator.AddEvent"/> adds.
/// </summary>
public readonly record struct HelpInsightsEventRow
{
    /// <summary>Gets what happened.</summary>
    public required HelpEventKind Kind { get; init; }

    /// <summary>Gets when it happened, in Unix milliseconds.</summary>
    public required long At { get; init; }

    /// <summary>Gets the normalised query of a search; <see langword="null"/> otherwise.</summary>
    public string? Query { get; init; }

    /// <summary>Gets the language; <see langword="null"/> when unknown.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the route of the page; <see langword="null"/> when unknown.</summary>
    public string? Route { get; init; }

    /// <summary>Gets the article of a view, vote or deflection; <see langword="null"/> otherwise.</summary>
    public string? ArticleId { get; init; }

    /// <summary>Gets where an article was opened from; <see cref="HelpArticleSource.Unknown"/> for other kinds.</summary>
    public HelpArticleSource Source { get; init; }

    /// <summary>Gets the answer of a vote; <see langword="null"/> otherwise.</summary>
    public bool? Helpful { get; init; }

    /// <summary>Gets the reason given with a "No"; <see langword="null"/> when none.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets a value indicating whether the event was simulated.</summary>
    public bool IsSimulated { get; init; }

    /// <summary>Gets a value indicating whether a search was followed in its session by a ticket with no article opened in between.</summary>
    public bool FollowedByTicket { get; init; }

    /// <summary>Gets a value indicating whether a ticket came within 24 hours after the same user read an article.</summary>
    public bool FailedDeflection { get; init; }

    /// <summary>
    /// Gets, for a contact form opened, the article read last before it in its session (in time, then in order of
    /// recording); <see langword="null"/> when none was, and for other kinds.
    /// </summary>
    public string? ArticleReadBefore { get; init; }
}
