namespace HelpWidget.Components;

/// <summary>What the panel shows when it opens: an article, or a search already typed.</summary>
/// <param name="ArticleId">The id of the article to show; <see langword="null"/> for none.</param>
/// <param name="Query">The text to search for; <see langword="null"/> for none.</param>
public sealed record HelpPanelStart(string? ArticleId = null, string? Query = null);
