using System.Security.Claims;

namespace HelpWidget.Rollout;

/// <summary>One validated <see cref="HelpRolloutOptions"/>, prepared for answering quickly: built once per change of the settings.</summary>
internal sealed class RolloutPlan
{
    private readonly HashSet<string>? _liveAreas;
    private readonly string _audience;
    private readonly HashSet<string> _roles;
    private readonly (string Type, string Value)[] _claims;
    private readonly RolloutShare? _share;
    private readonly string[][] _routes;

    public RolloutPlan(HelpRolloutOptions options)
    {
        Options = options;
        var areas = (options.LiveAreas ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
        _liveAreas = areas.Count > 0 ? new HashSet<string>(areas, StringComparer.OrdinalIgnoreCase) : null;
        var launcher = options.Launcher ?? new HelpLauncherRollout();
        _audience = HelpRolloutOptionsValidator.Audiences.FirstOrDefault(a => string.Equals(a, launcher.Audience?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? HelpLauncherRollout.Everyone;
        _roles = new HashSet<string>((launcher.Roles ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()), StringComparer.OrdinalIgnoreCase);
        _claims = [.. (launcher.Claims ?? []).Where(c => c is not null).Select(c => (c.Type.Trim(), c.Value.Trim()))];
        _share = _audience == HelpLauncherRollout.ShareAudience && launcher.Share is { } share ? new RolloutShare(share.Key, share.Percent) : null;
        _routes = [.. (launcher.Routes ?? []).Select(RolloutRoutes.Parse)];
    }

    /// <summary>Everything live, the launcher for everyone everywhere: what an app without a roll-out section gets.</summary>
    public static RolloutPlan Full { get; } = new(new HelpRolloutOptions());

    public HelpRolloutOptions Options { get; }

    public bool AllAreasLive => _liveAreas is null;

    public bool IsAreaLive(string? areaId) =>
        _liveAreas is null || (!string.IsNullOrWhiteSpace(areaId) && _liveAreas.Contains(areaId.Trim()));

    public bool ShowsLauncher(HelpUser user, string? route, IEnumerable<Claim>? claims) =>
        InAudience(user, claims) && OnRoute(route);

    private bool InAudience(HelpUser user, IEnumerable<Claim>? claims) => _audience switch
    {
        HelpLauncherRollout.RolesAudience => user.Audiences.Any(_roles.Contains),
        HelpLauncherRollout.ClaimsAudience => claims is not null && claims.Any(claim => _claims.Any(wanted =>
            string.Equals(wanted.Type, claim.Type, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(wanted.Value, claim.Value?.Trim(), StringComparison.OrdinalIgnoreCase))),
        HelpLauncherRollout.ShareAudience => _share is not null && _share.Contains(user.Id),
        _ => true,
    };

    private bool OnRoute(string? route)
    {
        if (_routes.Length == 0)
        {
            return true;
        }

        var segments = RolloutRoutes.Segments(route);
        return _routes.Any(pattern => RolloutRoutes.Matches(pattern, segments));
    }
}
