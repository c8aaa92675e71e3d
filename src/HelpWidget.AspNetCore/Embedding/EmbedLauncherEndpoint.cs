using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.AspNetCore;

/// <summary>
/// <c>GET {prefix}/embed/launcher?route=/expenses</c>: whether the roll-out (<see cref="IHelpRollout"/>) shows the Help
/// button to the page's user on that route, so the script places its button only where the widget's own launcher would.
/// The user is the page's token (read by the embed's scheme), or anonymous without one or with a refused one.
/// </summary>
internal static class EmbedLauncherEndpoint
{
    public const string Name = "embed/launcher";

    public static async Task<Results<JsonHttpResult<EmbedLauncherAnswer>, ProblemHttpResult>> GetAsync(HttpContext http, string? route)
    {
        if (string.IsNullOrEmpty(route))
        {
            return ApiInput.Refuse(http, Name, StatusCodes.Status400BadRequest, "required", "route");
        }

        if (ApiInput.CheckText(http, Name, route, "route", ApiInput.MaxRouteLength) is { } problem)
        {
            return problem;
        }

        if (!IsPagePath(route))
        {
            return ApiInput.Refuse(http, Name, StatusCodes.Status400BadRequest, "invalid_route");
        }

        // The embed's own scheme, whatever the app's default: the page's token is the only sign-in a page of another origin has.
        var result = await http.AuthenticateAsync(HelpWidgetEmbedOptions.AuthenticationScheme);
        var principal = result.Principal ?? new System.Security.Claims.ClaimsPrincipal();
        var user = HelpUser.FromClaims(principal);
        var shows = http.RequestServices.GetRequiredService<IHelpRollout>()
            .ShowsLauncher(user, route, user.Id is null ? null : principal.Claims);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new EmbedLauncherAnswer(shows), EmbedJsonContext.Default.EmbedLauncherAnswer);
    }

    /// <summary>A path of the page, percent-decoded as the roll-out compares it: no '..' segment, no control character.</summary>
    private static bool IsPagePath(string route)
    {
        if (!ApiInput.IsRoute(route))
        {
            return false;
        }

        var end = route.AsSpan().IndexOfAny('?', '#');
        string path;
        try
        {
            path = Uri.UnescapeDataString(end < 0 ? route : route[..end]);
        }
        catch (UriFormatException)
        {
            return false;
        }

        return !path.Any(char.IsControl)
            && path.IndexOf('\\', StringComparison.Ordinal) < 0
            && !path.Split('/').Any(segment => segment is "." or "..");
    }
}

/// <summary>The answer of <see cref="EmbedLauncherEndpoint"/>: <c>{"launcher":true}</c>.</summary>
/// <param name="Launcher">Whether the page shows the Help button.</param>
internal sealed record EmbedLauncherAnswer(bool Launcher);

/// <summary>The embed endpoints' JSON, generated at build time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EmbedLauncherAnswer))]
internal sealed partial class EmbedJsonContext : JsonSerializerContext;
