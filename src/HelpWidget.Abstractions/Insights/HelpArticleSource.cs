namespace HelpWidget;

/// <summary>Where the user came from when they opened an article. The numbers are stored: they never change meaning.</summary>
public enum HelpArticleSource
{
    /// <summary>Not known.</summary>
    Unknown = 0,

    /// <summary>An article suggested for the page, without a search.</summary>
    Suggestion = 1,

    /// <summary>A search result.</summary>
    Search = 2,

    /// <summary>The help of a form field.</summary>
    FieldHelp = 3,

    /// <summary>A link or call of the app (<c>HelpSession.ShowArticleAsync</c>).</summary>
    DeepLink = 4,

    /// <summary>A related article listed under another one.</summary>
    Related = 5,
}
