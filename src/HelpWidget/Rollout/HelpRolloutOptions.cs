namespace HelpWidget;

/// <summary>
/// How far HelpWidget is rolled out: which areas of the knowledge base are live, and who sees the Help button where.
/// Bound from the configuration section <c>HelpWidget:Rollout</c> (<see cref="SectionName"/>) and read through
/// <c>IOptionsMonitor</c>, so a change to the app's settings file applies to the next search and the next render of the
/// launcher, without a restart. The defaults roll HelpWidget out fully: every area live, the launcher for everyone, everywhere.
/// </summary>
/// <remarks>
/// Field help and article links the app placed itself keep working whatever this says: a user outside the roll-out who
/// follows a link to an article still gets it. See docs/rollout.md for a recommended first configuration.
/// </remarks>
public sealed class HelpRolloutOptions
{
    /// <summary>The configuration section the options are bound from: <c>HelpWidget:Rollout</c>.</summary>
    public const string SectionName = "HelpWidget:Rollout";

    /// <summary>
    /// Gets or sets the ids of the areas whose articles are suggested, found by search and offered for browsing. Articles
    /// of other areas, and articles without an area, are left out of all three while this list has any entry. Defaults to
    /// empty: every article is live.
    /// </summary>
    public IList<string> LiveAreas { get; set; } = [];

    /// <summary>Gets or sets who sees the Help button and on which routes. Defaults to everyone, on every route.</summary>
    public HelpLauncherRollout Launcher { get; set; } = new();
}
