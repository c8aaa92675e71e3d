using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore;

/// <summary>
/// Refuses a post made by another site's page (a forged request riding the user's cookies). Browsers say where a
/// request comes from in <c>Origin</c> and <c>Sec-Fetch-Site</c>; a request from the API's own origin or from a
/// configured origin passes, as does one without either header, which no browser page can send with cookies.
/// </summary>
/// <remarks>
/// The framework's antiforgery tokens protect form posts; the API's clients post JSON from scripts, where checking
/// the origin the browser reports is the standard defence and needs no token round trip.
/// </remarks>
internal static class CrossSiteRequests
{
    public static async ValueTask<object?> RefuseForeignOriginAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!IsAllowed(http.Request, http.RequestServices.GetService(typeof(IOptions<HelpWidgetApiOptions>)) as IOptions<HelpWidgetApiOptions>))
        {
            return ApiInput.Refuse(http, "cross-site", StatusCodes.Status403Forbidden, "cross_site_request");
        }

        return await next(context);
    }

    private static bool IsAllowed(HttpRequest request, IOptions<HelpWidgetApiOptions>? options)
    {
        var origin = request.Headers.Origin.ToString();
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (origin.Length == 0)
        {
            // Without Origin, a browser that says the request is cross-site is still refused.
            return site.Length == 0 || site is "same-origin" or "none";
        }

        var own = request.Scheme + "://" + request.Host.Value;
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || (options?.Value.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)) ?? false);
    }
}
