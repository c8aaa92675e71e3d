namespace HelpWidget;

/// <summary>The outcome of a search or a suggestion request.</summary>
public sealed class SearchResults
{
    /// <summary>Gets results with no hits.</summary>
    public static SearchResults Empty { get; } = new();

    /// <summary>Gets the matching articles, best first. Defaults to none.</summary>
    public IReadOnlyList<ArticleHit> Hits { get; init; } = [];

    /// <summary>Gets a corrected query that would find articles when this one found none; otherwise <see langword="null"/>.</summary>
    public string? DidYouMean { get; init; }

    /// <summary>
    /// Gets a value indicating whether these are the quickest ranking of a query still being typed
    /// (<see cref="SearchRequest.AsYouType"/>) and the provider has a fuller one: a panel searches the same query again
    /// without <see cref="SearchRequest.AsYouType"/> once it has settled. <see langword="false"/> when this is the
    /// provider's full answer.
    /// </summary>
    public bool Refinable { get; init; }
}
