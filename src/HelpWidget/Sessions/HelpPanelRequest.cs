namespace HelpWidget;

/// <summary>What an app asked the help panel to do, through <see cref="HelpSession"/>.</summary>
/// <param name="Action">The action.</param>
public sealed record HelpPanelRequest(HelpPanelAction Action)
{
    /// <summary>Gets the text to search for, with <see cref="HelpPanelAction.Search"/>.</summary>
    public string? Query { get; init; }

    /// <summary>Gets the article to show, with <see cref="HelpPanelAction.ShowArticle"/>.</summary>
    public string? ArticleId { get; init; }

    /// <summary>Gets the subject to fill in, with <see cref="HelpPanelAction.Contact"/>.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the description to fill in, with <see cref="HelpPanelAction.Contact"/>.</summary>
    public string? Description { get; init; }
}

/// <summary>An action the help panel carries out for the app.</summary>
public enum HelpPanelAction
{
    /// <summary>Open the panel where the user left it.</summary>
    Open,

    /// <summary>Close the panel.</summary>
    Close,

    /// <summary>Open the panel on search results.</summary>
    Search,

    /// <summary>Open the panel on an article.</summary>
    ShowArticle,

    /// <summary>Open the panel on the contact form.</summary>
    Contact,
}

/// <summary>A search the user made in the panel.</summary>
/// <param name="Query">The text searched for.</param>
/// <param name="ResultCount">The number of results.</param>
public sealed record HelpSearchEvent(string Query, int ResultCount);

/// <summary>An article the user opened in the panel.</summary>
/// <param name="ArticleId">The article's id.</param>
/// <param name="Language">The language it was shown in.</param>
public sealed record HelpArticleEvent(string ArticleId, string Language);
