namespace HelpWidget;

/// <summary>Who sees the Help button, and on which routes: the <c>Launcher</c> part of <see cref="HelpRolloutOptions"/>.</summary>
public sealed class HelpLauncherRollout
{
    /// <summary>The audience of everyone, signed in or not.</summary>
    public const string Everyone = nameof(Everyone);

    /// <summary>The audience of the users with at least one of <see cref="Roles"/>.</summary>
    public const string RolesAudience = "Roles";

    /// <summary>The audience of the users with at least one of <see cref="Claims"/>.</summary>
    public const string ClaimsAudience = "Claims";

    /// <summary>The audience of a stable share of the signed-in users, chosen by <see cref="Share"/>.</summary>
    public const string ShareAudience = "Share";

    /// <summary>
    /// Gets or sets who sees the Help button: <c>Everyone</c>, <c>Roles</c> (a user with one of <see cref="Roles"/>),
    /// <c>Claims</c> (a user with one of <see cref="Claims"/>) or <c>Share</c> (the signed-in users whose keyed hash falls in
    /// <see cref="Share"/>'s percentage). Compared ignoring case. Defaults to <c>Everyone</c>.
    /// </summary>
    public string Audience { get; set; } = Everyone;

    /// <summary>
    /// Gets or sets the roles whose members see the Help button when <see cref="Audience"/> is <c>Roles</c>, compared with
    /// the user's audiences (<see cref="HelpUser.Audiences"/>, the role claims) ignoring case. Defaults to empty.
    /// </summary>
    public IList<string> Roles { get; set; } = [];

    /// <summary>
    /// Gets or sets the claims whose holders see the Help button when <see cref="Audience"/> is <c>Claims</c>; a user
    /// with any one of them is in. Defaults to empty.
    /// </summary>
    public IList<HelpRolloutClaim> Claims { get; set; } = [];

    /// <summary>Gets or sets the share of signed-in users who see the Help button when <see cref="Audience"/> is <c>Share</c>.</summary>
    public HelpRolloutShare Share { get; set; } = new();

    /// <summary>
    /// Gets or sets the routes the Help button is placed on, relative to the app's base path: a path such as
    /// <c>/expenses</c> covers itself and everything below it (<c>/expenses/new</c>), <c>*</c> stands for one whole segment
    /// (<c>/orders/*/lines</c>), and <c>/</c> covers every route. Compared ignoring case, without the query string.
    /// Defaults to empty: every route.
    /// </summary>
    public IList<string> Routes { get; set; } = [];
}
