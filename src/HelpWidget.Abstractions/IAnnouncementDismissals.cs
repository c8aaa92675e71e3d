namespace HelpWidget;

/// <summary>Remembers which announcements each signed-in user dismissed.</summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface IAnnouncementDismissals
{
    /// <summary>Gets the ids of the announcements a user dismissed.</summary>
    /// <param name="userId">The host app's identifier of the user.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The ids; empty when none.</returns>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is empty or longer than 256 characters.</exception>
    Task<IReadOnlySet<string>> GetDismissedAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Remembers that a user dismissed an announcement; dismissing it again changes nothing.</summary>
    /// <param name="userId">The host app's identifier of the user.</param>
    /// <param name="announcementId">The announcement's id.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>A task that completes when the dismissal is stored.</returns>
    /// <exception cref="ArgumentException">An argument is empty or too long.</exception>
    Task DismissAsync(string userId, string announcementId, CancellationToken cancellationToken = default);
}
