namespace HelpWidget;

/// <summary>An area a user can browse, with the number of its articles that user may see.</summary>
public sealed class HelpAreaSummary
{
    /// <summary>Gets the area, with its title and description in the language asked for (or the default language).</summary>
    public required HelpArea Area { get; init; }

    /// <summary>Gets the number of the area's articles the user may see; at least 1 in a catalog's answer.</summary>
    public required int ArticleCount { get; init; }
}
