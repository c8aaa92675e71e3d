namespace HelpWidget.AspNetCore;

/// <summary>
/// Options of the HelpWidget tag helpers of a Razor Pages or MVC app (<c>&lt;help-widget&gt;</c>,
/// <c>&lt;help-context&gt;</c>, <c>&lt;help-field&gt;</c>), set in <c>AddHelpWidgetTagHelpers()</c> or bound from the
/// <c>HelpWidget</c> configuration section; checked when the app starts.
/// </summary>
public sealed class HelpWidgetTagHelperOptions
{
    /// <summary>
    /// Gets or sets the address of the help server that serves the embed (<c>/helpwidget/embed.js</c>) and the panel
    /// behind it, such as <c>https://help.example</c>; an absolute <c>http</c> or <c>https</c> address, optionally
    /// with a path, without a query or user name. Bound from <c>HelpWidget:Server</c>. Defaults to
    /// <see langword="null"/>: this app serves the embed itself (<c>MapHelpWidgetEmbed()</c>).
    /// </summary>
    public Uri? Server { get; set; }

    /// <summary>
    /// Gets or sets the e-mail address the launcher offers when the help server cannot be reached
    /// (<c>data-contact-email</c>), at most 254 characters. Defaults to <see langword="null"/>: none.
    /// </summary>
    public string? ContactEmail { get; set; }

    /// <summary>
    /// Gets or sets the telephone number the launcher offers when the help server cannot be reached
    /// (<c>data-contact-phone</c>), such as <c>+46 8 555 010 00</c>: digits, spaces and <c>+ - ( ) .</c>, at most 40
    /// characters. Defaults to <see langword="null"/>: none.
    /// </summary>
    public string? ContactPhone { get; set; }

    /// <summary>
    /// Gets or sets a page or chat the launcher offers when the help server cannot be reached
    /// (<c>data-contact-url</c>), an absolute <c>https</c> or <c>http</c> address. Defaults to <see langword="null"/>: none.
    /// </summary>
    public Uri? ContactUrl { get; set; }

    /// <summary>
    /// Gets what the token endpoint (<c>MapHelpWidgetToken()</c>) signs a signed-in user's token with, bound from
    /// <c>HelpWidget:Token</c>: <see cref="HelpWidgetEmbedTokenOptions.SigningKey"/> (required by the endpoint; the key
    /// the help server lists for this app in <c>HelpWidget:Embed:Issuers</c>), and optionally the issuer (defaults to
    /// the request's origin), the audience (defaults to the origin of <see cref="Server"/>) and the lifetime (1 to 10
    /// minutes, 5 by default). Unused without the endpoint.
    /// </summary>
    public HelpWidgetEmbedTokenOptions Token { get; } = new();
}
