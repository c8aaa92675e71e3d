using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpWidget.AspNetCore.TagHelpers;

/// <summary>
/// <c>&lt;help-widget /&gt;</c>, in a layout: the help server's one-tag embed, which shows the Help button and loads
/// the panel when it is first used. It writes the embed's <c>&lt;script&gt;</c> with the request's language, the
/// page's declared help context (<c>&lt;help-context&gt;</c>), the app's token endpoint for a signed-in user
/// (<c>MapHelpWidgetToken()</c>) and the contact channels of <see cref="HelpWidgetTagHelperOptions"/>.
/// </summary>
/// <example>
/// <code>
/// &lt;help-widget /&gt;                 the button floats at the end of the page
/// &lt;help-widget inline="true" /&gt;   the button stands where the tag is
/// </code>
/// </example>
[HtmlTargetElement("help-widget", TagStructure = TagStructure.WithoutEndTag)]
public sealed class HelpWidgetTagHelper : TagHelper
{
    /// <summary>The embed's path on the help server.</summary>
    internal const string EmbedPath = "/helpwidget/embed.js";

    /// <summary>
    /// Gets or sets a value indicating whether the Help button stands where the tag is (the embed's placement element,
    /// <c>&lt;div data-helpwidget-launcher&gt;</c>) rather than floating at the end of the page. Defaults to <see langword="false"/>.
    /// </summary>
    [HtmlAttributeName("inline")]
    public bool Inline { get; set; }

    /// <summary>Gets or sets the view's context, set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException"><c>AddHelpWidgetTagHelpers()</c> was not called, or (in Development) nothing serves the embed.</exception>
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var http = ViewContext.HttpContext;
        var services = TagHelperInput.Services(http);
        output.TagName = null;
        output.Content.Clear();

        if (Source(http, services.Options) is not { } source)
        {
            return;
        }

        var html = new StringBuilder();
        if (Inline)
        {
            html.Append("<div data-helpwidget-launcher></div>");
        }

        html.Append("<script src=\"").Append(Encode(source)).Append("\" async");
        if (CultureInfo.CurrentUICulture.Name is { Length: > 0 } language)
        {
            Attribute(html, "data-language", language);
        }

        if (HelpPageContext.Topic(http) is { } topic)
        {
            Attribute(html, "data-topic", topic);
        }

        // Only a signed-in user has a token to fetch; for anyone else the embed stays anonymous without asking.
        if (services.TokenPath.HasValue && http.User.Identity?.IsAuthenticated == true)
        {
            Attribute(html, "data-token-url", (http.Request.PathBase + services.TokenPath).ToString());
        }

        var options = services.Options;
        if (options.ContactEmail is { } email)
        {
            Attribute(html, "data-contact-email", email);
        }

        if (options.ContactPhone is { } phone)
        {
            Attribute(html, "data-contact-phone", phone);
        }

        if (options.ContactUrl is { } url)
        {
            Attribute(html, "data-contact-url", url.AbsoluteUri);
        }

        html.Append("></script>");
        output.Content.SetHtmlContent(html.ToString());
    }

    /// <summary>The embed's address: on the help server, or on this app when it maps the embed itself; <see langword="null"/> when there is none.</summary>
    private static string? Source(HttpContext http, HelpWidgetTagHelperOptions options)
    {
        if (options.Server is { } server)
        {
            return server.AbsoluteUri.TrimEnd('/') + EmbedPath;
        }

        if (MapsEmbed(http))
        {
            return (http.Request.PathBase + EmbedPath).ToString();
        }

        const string problem = "HelpWidget:Server is not set and this app does not serve the embed: set HelpWidget:Server to the help server's address (such as https://help.example), or map the embed here with app.MapHelpWidgetEmbed().";
        if (http.RequestServices.GetService<IHostEnvironment>()?.IsDevelopment() == true)
        {
            throw new InvalidOperationException(problem);
        }

        TagHelperLog.EmbedMissing(TagHelperInput.Logger(http), http.Request.Path, problem + " The page has no Help button.");
        return null;
    }

    private static bool MapsEmbed(HttpContext http) =>
        http.RequestServices.GetService<EndpointDataSource>() is { } endpoints
        && endpoints.Endpoints.OfType<RouteEndpoint>().Any(e => string.Equals("/" + e.RoutePattern.RawText?.TrimStart('/'), EmbedPath, StringComparison.OrdinalIgnoreCase));

    private static void Attribute(StringBuilder html, string name, string value) =>
        html.Append(' ').Append(name).Append("=\"").Append(Encode(value)).Append('"');

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
