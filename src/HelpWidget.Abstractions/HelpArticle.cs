namespace HelpWidget;

/// <summary>A help article with its metadata and its sanitised HTML.</summary>
public sealed class HelpArticle
{
    /// <summary>Gets the article's id, the same in every language.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the article's language as an IETF tag, such as <c>en</c>.</summary>
    public required string Language { get; init; }

    /// <summary>Gets the title as plain text.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the one-sentence summary as plain text. Defaults to the empty string.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>Gets the body as sanitised HTML, safe to render in a page. Defaults to the empty string.</summary>
    public string Html { get; init; } = string.Empty;

    /// <summary>Gets the body as plain text, for indexing and snippets. Defaults to the empty string.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Gets the tags. Defaults to none.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the contexts (route prefixes starting with <c>/</c>, or context keys) where the article helps. Defaults to none.</summary>
    public IReadOnlyList<string> Contexts { get; init; } = [];

    /// <summary>Gets the audiences allowed to see the article; empty means everyone. Defaults to everyone.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>Gets the ids of related articles. Defaults to none.</summary>
    public IReadOnlyList<string> Related { get; init; } = [];

    /// <summary>
    /// Gets the id of the <see cref="HelpArea"/> the article belongs to, the same in every language, or
    /// <see langword="null"/> when the article is in no area (it is then found by search and suggestions only,
    /// not by browsing). Defaults to <see langword="null"/>.
    /// </summary>
    public string? Area { get; init; }

    /// <summary>Gets a value indicating whether <paramref name="user"/> may see this article.</summary>
    /// <param name="user">The user.</param>
    /// <returns><see langword="true"/> when the article has no audience or the user belongs to one of its audiences.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="user"/> is <see langword="null"/>.</exception>
    public bool IsVisibleTo(HelpUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Audiences.Count == 0)
        {
            return true;
        }

        foreach (var audience in Audiences)
        {
            foreach (var userAudience in user.Audiences)
            {
                if (string.Equals(audience, userAudience, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
