namespace HelpWidget;

/// <summary>A claim that puts its holder in the launcher's audience (<see cref="HelpLauncherRollout.Claims"/>).</summary>
public sealed class HelpRolloutClaim
{
    /// <summary>Gets or sets the claim's type, such as <c>department</c> or <c>groups</c>, compared ignoring case. Defaults to the empty string, which fails validation.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>Gets or sets the claim's value, compared ignoring case. Defaults to the empty string, which fails validation.</summary>
    public string Value { get; set; } = string.Empty;
}
