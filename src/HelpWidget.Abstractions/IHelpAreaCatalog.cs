namespace HelpWidget;

/// <summary>Lists the areas a user can browse, each with the number of its articles that user may see.</summary>
/// <remarks>Implementations must be safe for concurrent use and must never count an article the user may not see.</remarks>
public interface IHelpAreaCatalog
{
    /// <summary>Gets the areas of <paramref name="request"/>'s language that have at least one article its user may see.</summary>
    /// <param name="request">The user and language; its query, context and area are ignored.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>
    /// The areas ordered by <see cref="HelpArea.Order"/>, then <see cref="HelpArea.Id"/>, with titles in the request's
    /// language, or in the default language for an area without a title in it; empty when the knowledge base has no
    /// areas or none with an article the user may see.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    Task<IReadOnlyList<HelpAreaSummary>> GetAreasAsync(SearchRequest request, CancellationToken cancellationToken = default);
}
