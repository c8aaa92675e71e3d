namespace HelpWidget;

/// <summary>A request to search or suggest articles.</summary>
public sealed class SearchRequest
{
    /// <summary>The largest number of results a request may ask for.</summary>
    public const int MaxResultsLimit = 50;

    /// <summary>Gets the text the user typed, used as plain text. Defaults to the empty string.</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>Gets where the user is. Defaults to <see cref="HelpContext.None"/>.</summary>
    public HelpContext Context { get; init; } = HelpContext.None;

    /// <summary>Gets who is asking; results are limited to what this user may see. Defaults to <see cref="HelpUser.Anonymous"/>.</summary>
    public HelpUser User { get; init; } = HelpUser.Anonymous;

    /// <summary>Gets the user's language as an IETF tag such as <c>sv</c> or <c>sv-SE</c>; <see langword="null"/> uses the provider's default language.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the number of results wanted, from 1 to <see cref="MaxResultsLimit"/>. Defaults to 10.</summary>
    public int MaxResults { get; init; } = 10;

    /// <summary>
    /// Gets a value indicating whether the query is still being typed. A provider may then answer with its quickest
    /// ranking only (the embedded engine: word matching, without a meaning-aware layer), and give its full ranking once
    /// the query has settled: a panel searches each keystroke with <see langword="true"/>, then searches the settled
    /// query (a pause, or Enter) again with <see langword="false"/> and replaces its list only if the answer differs.
    /// Defaults to <see langword="false"/>: the provider's full ranking.
    /// </summary>
    public bool AsYouType { get; init; }

    /// <summary>
    /// Gets the id of the <see cref="HelpArea"/> to search in, or <see langword="null"/> to search every area.
    /// When set, only articles whose <see cref="HelpArticle.Area"/> equals it (ordinal, ignoring case) are returned;
    /// with an empty or whitespace <see cref="Query"/>, <see cref="IKnowledgeProvider.SearchAsync"/> then browses the
    /// area: every article of it the user may see, most helpful first, up to <see cref="MaxResults"/>.
    /// Without an area an empty query finds nothing. Defaults to <see langword="null"/>.
    /// </summary>
    public string? Area { get; init; }
}
