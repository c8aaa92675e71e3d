namespace HelpWidget;

/// <summary>What the help panel shows.</summary>
internal enum PanelView
{
    /// <summary>Suggestions for the page, or search results.</summary>
    Search,

    /// <summary>One article.</summary>
    Article,

    /// <summary>The contact form and channels.</summary>
    Contact,

    /// <summary>The receipt of a ticket just sent.</summary>
    Receipt,
}

/// <summary>A place in the panel's history: a view, and for an article view, which article.</summary>
internal readonly record struct PanelPlace(PanelView View, string? ArticleId);
