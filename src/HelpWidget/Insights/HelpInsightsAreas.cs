using System.Globalization;

namespace HelpWidget;

/// <summary>The figures of one area in a period: the sums of its articles' <see cref="HelpArticleFigures"/>.</summary>
internal sealed record HelpAreaFigures(string? AreaId, string Title, int Articles, int Views, int ViewsFromSearch, int Yes, int No, int ContactsAfter)
{
    /// <summary>Yes / (yes + no); <see langword="null"/> without votes.</summary>
    public double? Helpfulness => Yes + No == 0 ? null : (double)Yes / (Yes + No);
}

/// <summary>
/// Breaks a report's figures per article down by area, mapping each article to its area when the report is shown (the
/// stored events name articles, not areas, so moving an article to another area moves its past figures too).
/// </summary>
internal static class HelpInsightsAreas
{
    /// <summary>
    /// Sums the articles' figures per area: areas in their order (then id), titled in <paramref name="culture"/>'s
    /// language when the area has a title in it (else in the first language it has, else by its id), and the articles
    /// without an area, or whose area could not be found, last as <paramref name="noAreaTitle"/>.
    /// </summary>
    public static List<HelpAreaFigures> Group(
        IEnumerable<HelpArticleFigures> articles, IReadOnlyDictionary<string, string?> areaOfArticle, IReadOnlyList<HelpArea> areas, CultureInfo culture, string noAreaTitle)
    {
        var language = culture.TwoLetterISOLanguageName.ToLowerInvariant();
        var defined = areas
            .GroupBy(a => a.Id, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => g.FirstOrDefault(a => string.Equals(a.Language, language, StringComparison.OrdinalIgnoreCase)) ?? g.OrderBy(a => a.Language, StringComparer.Ordinal).First(),
                StringComparer.OrdinalIgnoreCase);
        return [.. articles
            .GroupBy(a => areaOfArticle.GetValueOrDefault(a.ArticleId) is { Length: > 0 } area ? area : null, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var area = g.Key is null ? null : defined.GetValueOrDefault(g.Key);
                return (Order: g.Key is null ? (1, 0) : (0, area?.Order ?? int.MaxValue), Figures: new HelpAreaFigures(
                    g.Key,
                    g.Key is null ? noAreaTitle : area?.Title ?? g.Key,
                    g.Count(),
                    g.Sum(a => a.Views),
                    g.Sum(a => a.ViewsFromSearch),
                    g.Sum(a => a.Yes),
                    g.Sum(a => a.No),
                    g.Sum(a => a.ContactsAfter)));
            })
            .OrderBy(x => x.Order).ThenBy(x => x.Figures.AreaId, StringComparer.OrdinalIgnoreCase)
            .Select(x => x.Figures)];
    }
}
