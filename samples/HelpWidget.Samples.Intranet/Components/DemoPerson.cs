using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HelpWidget.Samples.Intranet.Components;

/// <summary>
/// One of the made-up people the demo sign-in offers. Their roles are the audiences of the sample's articles
/// (<c>audience:</c> in the front matter), so each sees what Help shows to someone in that position.
/// </summary>
/// <param name="Key">The value the chooser's form posts; also the user id that announcement dismissals are kept under.</param>
/// <param name="Name">The display name, which the contact form fills in.</param>
/// <param name="Email">The e-mail address, which the contact form fills in.</param>
/// <param name="Roles">The roles, which HelpWidget reads as the user's audiences.</param>
internal sealed record DemoPerson(string Key, string Name, string Email, IReadOnlyList<string> Roles)
{
    public const string Employee = "employee";
    public const string Manager = "manager";
    public const string SupportManager = "support-manager";

    /// <summary>The role of the people who try HelpWidget first, before everyone gets it.</summary>
    public const string Pilot = "pilot";

    /// <summary>Gets everyone the chooser offers, in the order it shows them.</summary>
    public static IReadOnlyList<DemoPerson> All { get; } =
    [
        // Aino and Karin are in the roll-out's pilot group (appsettings.Pilot.json, docs/rollout.md); Magnus is not.
        new("aino.virtanen", "Aino Virtanen", "aino.virtanen@nordhav.example", [Pilot, Employee]),
        new("magnus.haugen", "Magnus Haugen", "magnus.haugen@nordhav.example", [Employee, Manager]),
        new("karin.sjoberg", "Karin Sjöberg", "karin.sjoberg@nordhav.example", [Pilot, Employee, Manager, SupportManager]),
    ];

    /// <summary>Gets the role that describes the person best: the last, most specific one.</summary>
    public string Position => Roles[^1];

    /// <summary>Gets the position's name in the sample's language.</summary>
    public string PositionName => Position switch
    {
        Manager => Text.T("Manager", "Chef"),
        SupportManager => Text.T("Support manager", "Supportchef"),
        _ => Text.T("Employee", "Medarbetare"),
    };

    /// <summary>The person with this key; <see langword="null"/> for anything else.</summary>
    public static DemoPerson? Find(string? key) => All.FirstOrDefault(person => string.Equals(person.Key, key, StringComparison.Ordinal));

    /// <summary>The demo person a signed-in user is; <see langword="null"/> when anonymous or signed in some other way.</summary>
    public static DemoPerson? Of(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? Find(user.FindFirst(ClaimTypes.NameIdentifier)?.Value) : null;

    /// <summary>The signed-in user as the cookie keeps it, with the claim types HelpWidget reads (<c>HelpUser.FromClaims</c>).</summary>
    public ClaimsPrincipal ToPrincipal()
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, Key), new(ClaimTypes.Name, Name), new(ClaimTypes.Email, Email)];
        claims.AddRange(Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
