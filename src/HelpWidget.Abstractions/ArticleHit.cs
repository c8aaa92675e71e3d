namespace HelpWidget;

/// <summary>One article found by a search or suggested for a context.</summary>
public sealed class ArticleHit
{
    /// <summary>Gets the article's id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the language of the article that matched, as an IETF tag.</summary>
    public required string Language { get; init; }

    /// <summary>Gets the article's title as plain text.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the article's summary as plain text. Defaults to the empty string.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>
    /// Gets a short extract around the matched words as safe HTML: text is encoded and only
    /// <c>&lt;mark&gt;</c> elements are added. Defaults to the empty string.
    /// </summary>
    public string SnippetHtml { get; init; } = string.Empty;

    /// <summary>Gets the relevance score; comparable only within one result list.</summary>
    public double Score { get; init; }

    /// <summary>
    /// Gets the id of the <see cref="HelpArea"/> the article belongs to, or <see langword="null"/> when it is in no area.
    /// Defaults to <see langword="null"/>.
    /// </summary>
    public string? Area { get; init; }
}
