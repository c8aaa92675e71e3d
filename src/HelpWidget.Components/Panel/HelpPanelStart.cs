namespace HelpWidget.Components;

/// <summary>What the panel shows when it opens: an article, a search already typed, or the contact form.</summary>
/// <param name="ArticleId">The id of the article to show; <see langword="null"/> for none.</param>
/// <param name="Query">The text to search for; <see langword="null"/> for none.</param>
public sealed record HelpPanelStart(string? ArticleId = null, string? Query = null)
{
    /// <summary>Gets a value indicating whether the panel opens on the contact form.</summary>
    public bool Contact { get; init; }

    /// <summary>Gets the subject filled in on the contact form; <see langword="null"/> keeps the draft's.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the description filled in on the contact form; <see langword="null"/> keeps the draft's.</summary>
    public string? Description { get; init; }
}
