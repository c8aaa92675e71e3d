namespace HelpWidget.AspNetCore;

/// <summary>A host whose backend mints tokens for the users of its pages (see <see cref="HelpWidgetEmbedTokens"/>).</summary>
public sealed class HelpWidgetEmbedIssuer
{
    /// <summary>Gets or sets the token's <c>iss</c>: the host's origin, such as <c>https://intranet.example</c>. Required.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the key the host signs with (HMAC-SHA256), Base64-encoded, at least 32 bytes; the help server and the
    /// host's backend share it, and it never reaches a page. Required.
    /// </summary>
    public string SigningKey { get; set; } = string.Empty;
}
