namespace HelpWidget;

/// <summary>
/// An area of the knowledge base in one language: a group of articles a user can browse when they do not know what
/// to search for, such as "Accounts and devices". Articles name their area with <see cref="HelpArticle.Area"/>.
/// </summary>
/// <remarks>
/// An area has one instance per language it has a title in, all with the same <see cref="Id"/> and
/// <see cref="Order"/>; a browsing view shows the areas of the user's language ordered by <see cref="Order"/> and then
/// by <see cref="Id"/>, each with the articles whose <see cref="HelpArticle.Area"/> is its id and that the user may see.
/// </remarks>
public sealed class HelpArea
{
    /// <summary>Gets the area's id, the same in every language: 1 to 128 letters, digits, '.', '-' or '_'.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the language of <see cref="Title"/> and <see cref="Description"/> as a lower-case primary language subtag, such as <c>en</c>.</summary>
    public required string Language { get; init; }

    /// <summary>Gets the area's title as plain text.</summary>
    public required string Title { get; init; }

    /// <summary>Gets a one-sentence description as plain text. Defaults to the empty string.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Gets the position of the area among the others; lower comes first. Defaults to 0.</summary>
    public int Order { get; init; }
}
