namespace HelpWidget;

/// <summary>The person asking for help, as far as the host app knows them.</summary>
public sealed class HelpUser
{
    /// <summary>Gets a user the host app knows nothing about; they see only articles without an audience.</summary>
    public static HelpUser Anonymous { get; } = new();

    /// <summary>Gets the host app's identifier of the user; <see langword="null"/> when anonymous.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the user's display name; <see langword="null"/> when unknown.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Gets the user's e-mail address; <see langword="null"/> when unknown.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the audiences (for example roles or groups) the user belongs to. Defaults to none.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>
    /// Describes a signed-in user from their claims: the id from <c>NameIdentifier</c>, <c>sub</c> or <c>oid</c>;
    /// the name from the identity's name claim type (<see cref="System.Security.Claims.ClaimsIdentity.NameClaimType"/>),
    /// <c>Name</c> or <c>name</c>; the e-mail address from <c>Email</c>, <c>email</c> or an e-mail-shaped
    /// <c>preferred_username</c>/<c>upn</c>; the audiences from the identity's role claim type
    /// (<see cref="System.Security.Claims.ClaimsIdentity.RoleClaimType"/>), <c>Role</c>, <c>role</c> or <c>roles</c>.
    /// </summary>
    /// <param name="principal">The user, such as <c>HttpContext.User</c> or the Blazor authentication state's user.</param>
    /// <returns>The user; <see cref="Anonymous"/> when <paramref name="principal"/> is not authenticated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="principal"/> is <see langword="null"/>.</exception>
    public static HelpUser FromClaims(System.Security.Claims.ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        string? First(params string[] types) => types
            .Select(type => principal.FindFirst(type)?.Value)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value) && value.Length <= 254 && !value.Any(char.IsControl))?.Trim();

        var email = First(System.Security.Claims.ClaimTypes.Email, "email");
        if (email is null && First("preferred_username", System.Security.Claims.ClaimTypes.Upn, "upn") is { } username && TicketSubmission.IsValidEmail(username))
        {
            email = username;
        }

        // Apps that configure their own claim types (NameClaimType, RoleClaimType) are read the way ASP.NET Core reads them.
        var identities = principal.Identities.Where(identity => identity.IsAuthenticated).ToList();
        var nameTypes = identities.Select(identity => identity.NameClaimType).Append(System.Security.Claims.ClaimTypes.Name).Append("name");
        var roleTypes = new HashSet<string>(
            identities.Select(identity => identity.RoleClaimType).Concat([System.Security.Claims.ClaimTypes.Role, "role", "roles"]),
            StringComparer.Ordinal);
        return new HelpUser
        {
            Id = First(System.Security.Claims.ClaimTypes.NameIdentifier, "sub", "oid"),
            DisplayName = First([.. nameTypes.Distinct(StringComparer.Ordinal)]),
            Email = email is not null && TicketSubmission.IsValidEmail(email) ? email : null,
            Audiences = [.. principal.Claims
                .Where(c => roleTypes.Contains(c.Type))
                .Select(c => c.Value.Trim())
                .Where(v => v.Length is > 0 and <= 100)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(50)],
        };
    }
}
