namespace HelpWidget;

/// <summary>Supplies the areas of the knowledge base, in every language, to a view that lets users browse by area.</summary>
public interface IHelpAreaSource
{
    /// <summary>Loads every area, in every language it has a title in.</summary>
    /// <param name="cancellationToken">A token that cancels the load.</param>
    /// <returns>The areas ordered by <see cref="HelpArea.Order"/>, then <see cref="HelpArea.Id"/>, then <see cref="HelpArea.Language"/>; empty when the knowledge base defines none.</returns>
    Task<IReadOnlyList<HelpArea>> LoadAreasAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Occurs when the area definitions changed since the last load; views call <see cref="LoadAreasAsync"/> again.
    /// A source whose areas never change never raises it.
    /// </summary>
    event EventHandler? AreasChanged;
}
