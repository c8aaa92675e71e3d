// The code of docs/areas.md: areas through the contracts, as a view of an app's own would use them
namespace HelpWidget.Snippets;

/// <summary>The code shown in docs/areas.md.</summary>
public static class AreaSnippets
{
    /// <summary>Lists the areas a user can browse, then the articles of the first, then a search narrowed to it.</summary>
    public static async Task BrowseAsync(IHelpAreaCatalog catalog, IKnowledgeProvider knowledge, HelpUser user, CancellationToken cancellationToken)
    {
        var areas = await catalog.GetAreasAsync(new SearchRequest { User = user, Language = "sv-SE" }, cancellationToken);
        foreach (var summary in areas)
        {
            Console.WriteLine($"{summary.Area.Title} ({summary.ArticleCount})");
        }

        // An area and no query: the area's articles the user may see, most helpful first.
        var browsed = await knowledge.SearchAsync(
            new SearchRequest { Area = areas[0].Area.Id, User = user, Language = "sv-SE", MaxResults = SearchRequest.MaxResultsLimit },
            cancellationToken);

        // An area and a query: only that area's articles match.
        var narrowed = await knowledge.SearchAsync(
            new SearchRequest { Area = areas[0].Area.Id, Query = "vpn", User = user, Language = "sv-SE" },
            cancellationToken);
        Console.WriteLine($"{browsed.Hits.Count} articles, {narrowed.Hits.Count} about vpn");
    }
}
