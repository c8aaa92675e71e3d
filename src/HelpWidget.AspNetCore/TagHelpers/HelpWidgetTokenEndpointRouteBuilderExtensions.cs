using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore;

/// <summary>Maps the token endpoint of a Razor Pages or MVC app whose pages carry the help server's embed.</summary>
public static class HelpWidgetTokenEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET <paramref name="path"/></c>: for a signed-in user, a short-lived token signed with
    /// <see cref="HelpWidgetTagHelperOptions.Token"/> (<see cref="HelpWidgetEmbedTokens.Create"/>) that names the user
    /// (<see cref="HelpUser.FromClaims"/>: id, name, e-mail and roles), as text and never cached; 401 for anyone else.
    /// <c>&lt;help-widget&gt;</c> then gives a signed-in user's page the tag's <c>data-token-url</c>, and the embed
    /// passes the token to the help server, which must trust this app as an issuer (<c>HelpWidget:Embed:Issuers</c>).
    /// The token's issuer defaults to the request's origin and its audience to the origin of <see cref="HelpWidgetTagHelperOptions.Server"/>.
    /// </summary>
    /// <param name="endpoints">The app's endpoint route builder.</param>
    /// <param name="path">The endpoint's path, starting with <c>/</c>. Defaults to <c>/helpwidget/token</c>.</param>
    /// <returns>A builder for conventions on the endpoint, such as <c>RequireAuthorization()</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> does not start with <c>/</c>.</exception>
    /// <exception cref="InvalidOperationException"><c>AddHelpWidgetTagHelpers()</c> was not called, or no signing key is configured.</exception>
    public static IEndpointConventionBuilder MapHelpWidgetToken(this IEndpointRouteBuilder endpoints, string path = "/helpwidget/token")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"The token endpoint's path must start with '/'; '{path}' does not.", nameof(path));
        }

        var services = endpoints.ServiceProvider.GetService<HelpWidgetTagHelperServices>()
            ?? throw new InvalidOperationException("MapHelpWidgetToken() needs the tag helpers' services: call builder.Services.AddHelpWidgetTagHelpers() in Program.cs.");
        if (string.IsNullOrWhiteSpace(services.Options.Token.SigningKey))
        {
            throw new InvalidOperationException(
                "MapHelpWidgetToken() needs a signing key: set HelpWidget:Token:SigningKey (Base64 of at least 32 bytes, shared with the help server's HelpWidget:Embed:Issuers; keep it in user secrets or a key vault, never in a page).");
        }

        services.TokenPath = path;
        return endpoints.MapGet(path, (Func<HttpContext, Results<ContentHttpResult, UnauthorizedHttpResult>>)Token).ExcludeFromDescription();
    }

    private static Results<ContentHttpResult, UnauthorizedHttpResult> Token(HttpContext http)
    {
        var user = HelpUser.FromClaims(http.User);
        if (http.User.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(user.Id))
        {
            return TypedResults.Unauthorized();
        }

        var services = http.RequestServices.GetRequiredService<HelpWidgetTagHelperServices>();
        var configured = services.Options;
        var options = new HelpWidgetEmbedTokenOptions
        {
            SigningKey = configured.Token.SigningKey,
            Lifetime = configured.Token.Lifetime,
            Issuer = string.IsNullOrWhiteSpace(configured.Token.Issuer) ? $"{http.Request.Scheme}://{http.Request.Host}" : configured.Token.Issuer,
            Audience = string.IsNullOrWhiteSpace(configured.Token.Audience) ? configured.Server?.GetLeftPart(UriPartial.Authority) ?? $"{http.Request.Scheme}://{http.Request.Host}" : configured.Token.Audience,
        };
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Text(HelpWidgetEmbedTokens.Create(options, user, http.RequestServices.GetService<TimeProvider>()), "text/plain");
    }
}
