namespace HelpWidget;

/// <summary>Where announcements come from, such as a folder of Markdown files.</summary>
/// <remarks>Implementations must be safe for concurrent use and return sanitised HTML.</remarks>
public interface IAnnouncementSource
{
    /// <summary>Loads every announcement in every language, whatever its schedule.</summary>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The announcements; never <see langword="null"/>.</returns>
    Task<IReadOnlyList<HelpAnnouncement>> LoadAnnouncementsAsync(CancellationToken cancellationToken = default);
}
