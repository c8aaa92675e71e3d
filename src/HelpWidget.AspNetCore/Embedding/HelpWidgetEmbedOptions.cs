namespace HelpWidget.AspNetCore;

/// <summary>
/// Options of the one tag (<c>MapHelpWidgetEmbed()</c>), set in <c>AddHelpWidgetEmbed()</c> or bound from
/// <c>HelpWidget:Embed</c>. Which pages may use it is <see cref="HelpWidgetApiOptions.AllowedOrigins"/>, the API's list.
/// </summary>
public sealed class HelpWidgetEmbedOptions
{
    /// <summary>The authentication scheme that validates the tokens embedding pages pass.</summary>
    public const string AuthenticationScheme = "HelpWidget.Embed";

    /// <summary>The CORS policy of the embed's hub and status endpoint.</summary>
    public const string CorsPolicy = "HelpWidget.Embed";

    /// <summary>
    /// Gets the hosts whose backends may mint tokens for their users, each with its issuer and key. A token from any
    /// other issuer is refused and its page gets help as a guest. Defaults to none: every page gets help as a guest.
    /// </summary>
    public IList<HelpWidgetEmbedIssuer> Issuers { get; } = [];

    /// <summary>
    /// Gets or sets the audience tokens must name: the help server's origin as its pages see it, such as
    /// <c>https://help.example</c>. Defaults to <see langword="null"/>, the origin of the request that carries the token
    /// (set it when a proxy in front of the help server changes the scheme or host).
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Gets or sets the longest lifetime a token may have (from its <c>iat</c> or <c>nbf</c> to its <c>exp</c>), from
    /// 1 minute to 1 hour; a longer-lived token is refused. Defaults to 10 minutes.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets the largest token accepted, in characters, from 256 to 16,384. Defaults to 4,096.</summary>
    public int MaxTokenLength { get; set; } = 4096;
}
