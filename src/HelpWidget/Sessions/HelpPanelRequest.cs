namespace HelpWidget;

/// <summary>What an app asked the help panel to do, through <see cref="HelpSession"/>; carried out by the launcher.</summary>
/// <param name="Action">The action.</param>
internal sealed record HelpPanelRequest(HelpPanelAction Action)
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
internal enum HelpPanelAction
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
