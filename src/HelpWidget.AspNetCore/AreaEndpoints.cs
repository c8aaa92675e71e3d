using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HelpWidget.AspNetCore;

/// <summary>
/// <c>GET areas</c>: the areas of the caller's language that have an article the caller may see, with how many, as the
/// panel's Browse view lists them. The articles of one area come from <c>GET search?area=</c> with no <c>q</c>.
/// </summary>
internal static class AreaEndpoints
{
    public static async Task<Results<JsonHttpResult<IReadOnlyList<HelpAreaSummary>>, ProblemHttpResult>> GetAreasAsync(
        HttpContext http,
        [FromServices] IHelpAreaCatalog catalog,
        string? lang,
        CancellationToken cancellationToken)
    {
        const string Endpoint = "areas";
        if (ApiInput.CheckLanguage(http, Endpoint, lang) is { } problem)
        {
            return problem;
        }

        var areas = await catalog.GetAreasAsync(
            new SearchRequest { Language = string.IsNullOrEmpty(lang) ? null : lang, User = HelpUser.FromClaims(http.User) },
            cancellationToken);
        return TypedResults.Json(areas, AreaJsonContext.Default.IReadOnlyListHelpAreaSummary);
    }

    /// <summary>Checks the <c>area</c> parameter of a search: an area id, or nothing (every area).</summary>
    public static ProblemHttpResult? CheckArea(HttpContext http, string endpoint, string? area) =>
        area is null || ApiInput.IsId(area) ? null : ApiInput.Refuse(http, endpoint, StatusCodes.Status400BadRequest, "invalid_id", "area");
}

/// <summary>The JSON of <c>GET areas</c>, as the rest of the API writes it (web defaults: camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<HelpAreaSummary>))]
internal sealed partial class AreaJsonContext : JsonSerializerContext;
