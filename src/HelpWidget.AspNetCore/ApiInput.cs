using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace HelpWidget.AspNetCore;

/// <summary>Checks the query-string parameters the endpoints share; the text rules are <see cref="InputRules"/>'.</summary>
internal static partial class ApiInput
{
    /// <summary>The longest search text, the same as the panel's search box accepts.</summary>
    public const int MaxQueryLength = 3000;

    public const int MaxRouteLength = 2048;

    public const int MaxListValues = 20;

    public const int MaxListValueLength = 100;

    /// <summary>Reads the context parameters; returns the problem to answer when one breaks a rule.</summary>
    public static ProblemHttpResult? TryReadContext(HttpContext http, string endpoint, string? route, string[]? keys, string[]? tags, out HelpContext context)
    {
        context = HelpContext.None;
        if (route is not null)
        {
            var problem = CheckText(http, endpoint, route, "route", MaxRouteLength);
            if (problem is not null)
            {
                return problem;
            }

            if (!route.StartsWith('/') || route.StartsWith("//", StringComparison.Ordinal) || route.Contains('\\', StringComparison.Ordinal))
            {
                return Refuse(http, endpoint, StatusCodes.Status400BadRequest, "invalid_route");
            }
        }

        var problemOfLists = CheckList(http, endpoint, keys, "keys") ?? CheckList(http, endpoint, tags, "tags");
        if (problemOfLists is not null)
        {
            return problemOfLists;
        }

        context = route is null && (keys is null || keys.Length == 0) && (tags is null || tags.Length == 0)
            ? HelpContext.None
            : new HelpContext { Route = route, Keys = Clean(keys), Tags = Clean(tags) };
        return null;
    }

    /// <summary>Checks a language tag; <see langword="null"/> or empty means the provider's default language.</summary>
    public static ProblemHttpResult? CheckLanguage(HttpContext http, string endpoint, string? language) =>
        string.IsNullOrEmpty(language) || (language.Length <= 35 && LanguagePattern().IsMatch(language))
            ? null
            : Refuse(http, endpoint, StatusCodes.Status400BadRequest, "invalid_language");

    /// <summary>Gets a value indicating whether a non-empty text is a language tag (at most 35 characters).</summary>
    public static bool CheckLanguageText(string language) => language.Length <= 35 && LanguagePattern().IsMatch(language);

    /// <summary>
    /// Gets a value indicating whether a route is a path of this site: it starts with one <c>/</c>, and holds no back
    /// slash, white space, quote or angle bracket (none of which a path carries unencoded).
    /// </summary>
    public static bool IsRoute(string route) =>
        route.StartsWith('/') && !route.StartsWith("//", StringComparison.Ordinal) && route.IndexOfAny(['\\', '<', '>', '"', '\'', '`']) < 0 && !route.Any(char.IsWhiteSpace);

    /// <summary>Reads the number of results wanted: empty gives <paramref name="fallback"/>.</summary>
    public static ProblemHttpResult? TryReadMax(HttpContext http, string endpoint, string? max, int fallback, out int value)
    {
        value = fallback;
        if (string.IsNullOrEmpty(max))
        {
            return null;
        }

        return max.Length <= 3 && int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is >= 1 and <= SearchRequest.MaxResultsLimit
            ? null
            : Refuse(http, endpoint, StatusCodes.Status400BadRequest, "invalid_max", SearchRequest.MaxResultsLimit);
    }

    /// <summary>Checks free text against <see cref="InputRules.CheckText"/>.</summary>
    public static ProblemHttpResult? CheckText(HttpContext http, string endpoint, string? value, string field, int maxLength)
    {
        var problem = InputRules.CheckText(value, maxLength, required: false);
        if (problem == InputProblem.None)
        {
            return null;
        }

        var (code, arguments) = ApiProblems.ForInput(problem, field, maxLength);
        return Refuse(http, endpoint, StatusCodes.Status400BadRequest, code, arguments);
    }

    /// <summary>Gets a value indicating whether an id has the shape of an article or announcement id.</summary>
    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static ProblemHttpResult Refuse(HttpContext http, string endpoint, int status, string code, params object[] arguments)
    {
        ApiTelemetry.Rejected(endpoint, code);
        if (http.RequestServices.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers)
        {
            Log.RequestRefused(loggers.CreateLogger(ApiTelemetry.Name), endpoint, code);
        }

        return ApiProblems.Result(http, status, code, arguments);
    }

    private static ProblemHttpResult? CheckList(HttpContext http, string endpoint, string[]? values, string field)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Length > MaxListValues)
        {
            return Refuse(http, endpoint, StatusCodes.Status400BadRequest, "too_many_values", field, MaxListValues);
        }

        foreach (var value in values)
        {
            var problem = CheckText(http, endpoint, value, field, MaxListValueLength);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string[] Clean(string[]? values) =>
        values is null ? [] : [.. values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    // The article parser's rule for ids: what it cannot have stored is not looked up.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\z", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
