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

    /// <summary>The areas to browse, or the articles of one area (<see cref="PanelNavigation.AreaId"/>).</summary>
    Browse,
}

/// <summary>A place in the panel's history: a view, for an article view which article, and for the browse view which area (none: the list of areas).</summary>
internal readonly record struct PanelPlace(PanelView View, string? ArticleId, string? AreaId = null);
