using System.Security.Claims;

namespace HelpWidget;

/// <summary>
/// Answers the roll-out's questions from the current <see cref="HelpRolloutOptions"/>: whether a user sees the Help
/// button on a route, and whether an area is live. Registered by <c>AddHelpWidget()</c>; safe for concurrent use.
/// </summary>
public interface IHelpRollout
{
    /// <summary>Gets a value indicating whether <paramref name="user"/> sees the Help button on <paramref name="route"/>.</summary>
    /// <param name="user">The user; <see cref="HelpUser.Anonymous"/> for someone not signed in.</param>
    /// <param name="route">The page's path relative to the app's base path, such as <c>/expenses/new</c>; a query string is ignored. <see langword="null"/> is the root.</param>
    /// <param name="claims">The user's claims, for a <c>Claims</c> audience; <see langword="null"/> when unknown (no claim audience matches).</param>
    /// <returns><see langword="true"/> when the user is in the launcher's audience and the route is one it is placed on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="user"/> is <see langword="null"/>.</exception>
    bool ShowsLauncher(HelpUser user, string? route, IEnumerable<Claim>? claims = null);

    /// <summary>Gets a value indicating whether the articles of an area are suggested, found by search and offered for browsing.</summary>
    /// <param name="areaId">The area's id; <see langword="null"/> or empty for an article without an area.</param>
    /// <returns><see langword="true"/> when every area is live, or the area is one of <see cref="HelpRolloutOptions.LiveAreas"/>.</returns>
    bool IsAreaLive(string? areaId);
}
