namespace HelpWidget.AspNetCore;

/// <summary>What a host's backend needs to mint a token for its page's user (<see cref="HelpWidgetEmbedTokens.Create"/>).</summary>
public sealed class HelpWidgetEmbedTokenOptions
{
    /// <summary>Gets or sets the issuer: the host's origin, as listed in the help server's <see cref="HelpWidgetEmbedOptions.Issuers"/>. Required.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>Gets or sets the audience: the help server's origin, such as <c>https://help.example</c>. Required.</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>Gets or sets the shared signing key, Base64-encoded, at least 32 bytes. Required; keep it on the server.</summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>Gets or sets how long the token is valid, from 1 minute to 10 minutes. Defaults to 5 minutes.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);
}
