using Microsoft.Extensions.Options;

namespace HelpWidget.Rollout;

/// <summary>Checks the roll-out at start and on every change of the settings; a change that fails keeps the last good roll-out.</summary>
internal sealed class HelpRolloutOptionsValidator : IValidateOptions<HelpRolloutOptions>
{
    internal const int MaxKeyLength = 1000;
    internal const int MaxEntries = 1000;
    private const string Section = HelpRolloutOptions.SectionName;

    internal static readonly string[] Audiences =
        [HelpLauncherRollout.Everyone, HelpLauncherRollout.RolesAudience, HelpLauncherRollout.ClaimsAudience, HelpLauncherRollout.ShareAudience];

    public ValidateOptionsResult Validate(string? name, HelpRolloutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var areas = options.LiveAreas ?? [];
        Count(problems, $"{Section}:{nameof(HelpRolloutOptions.LiveAreas)}", areas.Count);
        for (var i = 0; i < areas.Count && i < MaxEntries; i++)
        {
            if (!IsAreaId(areas[i]))
            {
                problems.Add($"{Section}:{nameof(HelpRolloutOptions.LiveAreas)}:{i} is {OptionValue.Quote(areas[i])}; an area id is 1 to 128 letters, digits, '.', '-' or '_', starting with a letter or digit, as in the areas file.");
            }
        }

        var launcher = options.Launcher ?? new HelpLauncherRollout();
        var prefix = $"{Section}:{nameof(HelpRolloutOptions.Launcher)}";
        var audience = Audiences.FirstOrDefault(a => string.Equals(a, launcher.Audience?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (audience is null)
        {
            problems.Add($"{prefix}:{nameof(HelpLauncherRollout.Audience)} is {OptionValue.Quote(launcher.Audience)}; it must be one of {string.Join(", ", Audiences)}.");
        }

        var roles = launcher.Roles ?? [];
        Count(problems, $"{prefix}:{nameof(HelpLauncherRollout.Roles)}", roles.Count);
        if (audience == HelpLauncherRollout.RolesAudience && !roles.Any(r => !string.IsNullOrWhiteSpace(r)))
        {
            problems.Add($"{prefix}:{nameof(HelpLauncherRollout.Audience)} is Roles, but {prefix}:{nameof(HelpLauncherRollout.Roles)} names none; add the role of the pilot group, such as [\"pilot\"].");
        }

        for (var i = 0; i < roles.Count && i < MaxEntries; i++)
        {
            if (string.IsNullOrWhiteSpace(roles[i]) || roles[i].Length > 100 || roles[i].Any(char.IsControl))
            {
                problems.Add($"{prefix}:{nameof(HelpLauncherRollout.Roles)}:{i} is {OptionValue.Quote(roles[i])}; a role is 1 to 100 characters without control characters.");
            }
        }

        var claims = launcher.Claims ?? [];
        Count(problems, $"{prefix}:{nameof(HelpLauncherRollout.Claims)}", claims.Count);
        if (audience == HelpLauncherRollout.ClaimsAudience && claims.Count == 0)
        {
            problems.Add($"{prefix}:{nameof(HelpLauncherRollout.Audience)} is Claims, but {prefix}:{nameof(HelpLauncherRollout.Claims)} names none; add one such as {{ \"Type\": \"department\", \"Value\": \"finance\" }}.");
        }

        for (var i = 0; i < claims.Count && i < MaxEntries; i++)
        {
            if (claims[i] is null || !IsClaimPart(claims[i].Type) || !IsClaimPart(claims[i].Value))
            {
                problems.Add($"{prefix}:{nameof(HelpLauncherRollout.Claims)}:{i} has the type {OptionValue.Quote(claims[i]?.Type)} and the value {OptionValue.Quote(claims[i]?.Value)}; both must be 1 to 256 characters without control characters.");
            }
        }

        var share = launcher.Share ?? new HelpRolloutShare();
        if (double.IsNaN(share.Percent) || share.Percent is < 0 or > 100)
        {
            problems.Add($"{prefix}:{nameof(HelpLauncherRollout.Share)}:{nameof(HelpRolloutShare.Percent)} is {share.Percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be from 0 to 100.");
        }

        if (audience == HelpLauncherRollout.ShareAudience && string.IsNullOrWhiteSpace(share.Key))
        {
            problems.Add($"{prefix}:{nameof(HelpLauncherRollout.Share)}:{nameof(HelpRolloutShare.Key)} is empty; a share needs a secret key (keep it, to keep the same users in the share).");
        }
        else if (share.Key is { Length: > MaxKeyLength })
        {
            problems.Add($"{prefix}:{nameof(HelpLauncherRollout.Share)}:{nameof(HelpRolloutShare.Key)} is {share.Key.Length} characters long; it may be at most {MaxKeyLength}.");
        }

        var routes = launcher.Routes ?? [];
        Count(problems, $"{prefix}:{nameof(HelpLauncherRollout.Routes)}", routes.Count);
        for (var i = 0; i < routes.Count && i < MaxEntries; i++)
        {
            if (RolloutRoutes.Problem(routes[i]) is { } problem)
            {
                problems.Add($"{prefix}:{nameof(HelpLauncherRollout.Routes)}:{i} is {OptionValue.Quote(routes[i])}: {problem}.");
            }
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    /// <summary>The same rule as article and area ids: 1 to 128 letters, digits, '.', '-' or '_', starting with a letter or digit.</summary>
    internal static bool IsAreaId(string? id) =>
        id is { Length: > 0 and <= 128 } && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private static bool IsClaimPart(string? value) => value is { Length: > 0 and <= 256 } && !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl);

    private static void Count(List<string> problems, string key, int count)
    {
        if (count > MaxEntries)
        {
            problems.Add($"{key} has {count} entries; it may have at most {MaxEntries}.");
        }
    }
}
