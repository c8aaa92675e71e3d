using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HelpWidget.Http;

/// <summary>
/// Builds the API's query strings from requests, keeping to the rules the server enforces, so that what a user typed
/// or a page declared never turns into a refusal: text is plain text, and values the server would refuse are left out.
/// </summary>
internal static partial class ApiQuery
{
    public const int MaxQueryLength = 3000;

    private const int MaxRouteLength = 2048;
    private const int MaxListValues = 20;
    private const int MaxListValueLength = 100;

    public static string Search(SearchRequest request) =>
        "search?" + Join([("q", PlainText(request.Query)), .. Common(request), .. Typing(request), .. AreaOf(request)]);

    /// <summary>The areas of the request's language for its user.</summary>
    public static string Areas(SearchRequest request) =>
        "areas" + (Language(request.Language) is { } lang ? "?lang=" + Uri.EscapeDataString(lang) : string.Empty);

    public static string Suggestions(SearchRequest request) =>
        "suggestions?" + Join(Common(request));

    public static string Article(string id, string? language) =>
        $"articles/{Uri.EscapeDataString(id)}" + (Language(language) is { } lang ? "?lang=" + Uri.EscapeDataString(lang) : string.Empty);


    /// <summary>Gets a value indicating whether an id has the shape of an article, announcement or ticket id; no other can exist.</summary>
    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Gets a language tag the server accepts, or <see langword="null"/> (the server's default language).</summary>
    public static string? Language(string? language) =>
        !string.IsNullOrEmpty(language) && language.Length <= 35 && LanguagePattern().IsMatch(language) ? language : null;

    /// <summary>Gets the text as the server accepts it: control characters become spaces, lone surrogates are dropped, at most 3,000 characters.</summary>
    public static string PlainText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxQueryLength));
        for (var i = 0; i < text.Length && builder.Length < MaxQueryLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (builder.Length + 2 > MaxQueryLength)
                {
                    break;
                }

                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                continue;
            }
            else
            {
                builder.Append(char.IsControl(c) ? ' ' : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The cache key of a request's context and language, for the given user.</summary>
    public static string CacheKey(string kind, HelpUser user, string query) =>
        string.Join('\u001f', kind, user.Id ?? string.Empty, string.Join('\u001e', user.Audiences.Order(StringComparer.OrdinalIgnoreCase)), query);

    private static IEnumerable<(string Name, string Value)> Common(SearchRequest request)
    {
        if (Language(request.Language) is { } language)
        {
            yield return ("lang", language);
        }

        var route = request.Context.Route;
        if (route is not null && IsText(route, MaxRouteLength) && route.StartsWith('/') && !route.StartsWith("//", StringComparison.Ordinal) && !route.Contains('\\', StringComparison.Ordinal))
        {
            yield return ("route", route);
        }

        foreach (var key in List(request.Context.Keys))
        {
            yield return ("keys", key);
        }

        foreach (var tag in List(request.Context.Tags))
        {
            yield return ("tags", tag);
        }

        yield return ("max", Math.Clamp(request.MaxResults, 1, SearchRequest.MaxResultsLimit).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Asks for the quickest ranking while the query is still being typed; the full ranking needs no parameter.</summary>
    private static IEnumerable<(string Name, string Value)> Typing(SearchRequest request) =>
        request.AsYouType ? [("typing", "true")] : [];

    /// <summary>Narrows a search to an area; a request whose area is not an id finds nothing and is not sent.</summary>
    private static IEnumerable<(string Name, string Value)> AreaOf(SearchRequest request) =>
        request.Area is { } area ? [("area", area)] : [];

    private static IEnumerable<string> List(IReadOnlyList<string>? values) =>
        (values ?? []).Where(v => v is not null && v.Trim().Length > 0 && IsText(v, MaxListValueLength)).Take(MaxListValues);

    private static bool IsText(string value, int maxLength) =>
        value.Length <= maxLength && InputRules.CheckText(value, maxLength, required: false) == InputProblem.None;

    private static string Join(IEnumerable<(string Name, string Value)> parameters) =>
        string.Join('&', parameters.Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value)));

    // The server's rule for ids (and the article parser's): 1 to 128 letters, digits, '.', '-' or '_', starting with a letter or digit.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\z", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
