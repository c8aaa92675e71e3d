namespace HelpWidget.Rollout;

/// <summary>The launcher's route patterns: a path covers itself and what is below it, <c>*</c> one whole segment.</summary>
internal static class RolloutRoutes
{
    internal const int MaxPatternLength = 200;

    /// <summary>Routes longer than this are compared by their start only: no app has such a path, and the work stays bounded.</summary>
    private const int MaxRouteLength = 2048;

    /// <summary>RFC 3986's path characters (unreserved, sub-delimiters, ':' and '@'), '%' for escapes, and '*'.</summary>
    private static readonly System.Buffers.SearchValues<char> PathCharacters = System.Buffers.SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~*!$&'()+,;=:@%");

    /// <summary>Why <paramref name="pattern"/> is not a route pattern; <see langword="null"/> when it is one.</summary>
    public static string? Problem(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "it is empty; use '/' for every route";
        }

        if (pattern.Length > MaxPatternLength)
        {
            return $"it is {pattern.Length} characters long; it may be at most {MaxPatternLength}";
        }

        if (pattern[0] != '/')
        {
            return "it must start with '/', such as /expenses";
        }

        if (pattern.Contains("//", StringComparison.Ordinal))
        {
            return "it has an empty segment ('//')";
        }

        foreach (var segment in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment is "." or "..")
            {
                return "it has a '.' or '..' segment";
            }

            if (segment.Contains('*', StringComparison.Ordinal) && segment != "*")
            {
                return $"'*' must be a whole segment (such as /orders/*/lines), not part of '{segment}'";
            }

            var at = segment.AsSpan().IndexOfAnyExcept(PathCharacters);
            while (at >= 0 && char.IsLetterOrDigit(segment[at]))
            {
                // Letters beyond ASCII (/utlägg) are fine: the route is compared percent-decoded.
                var next = segment.AsSpan(at + 1).IndexOfAnyExcept(PathCharacters);
                at = next < 0 ? -1 : at + 1 + next;
            }

            if (at >= 0)
            {
                var bad = segment[at];
                return char.IsControl(bad) || char.IsWhiteSpace(bad)
                    ? "it has a space or control character"
                    : $"it has the character '{bad}', which a route pattern cannot have (no query string, fragment or backslash)";
            }
        }

        return null;
    }

    public static string[] Parse(string pattern) => pattern.ToLowerInvariant().Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The route's segments, lower case, without query string or fragment, percent-decoded.</summary>
    public static string[] Segments(string? route)
    {
        if (string.IsNullOrEmpty(route))
        {
            return [];
        }

        var path = route.Length > MaxRouteLength ? route[..MaxRouteLength] : route;
        var end = path.AsSpan().IndexOfAny('?', '#');
        if (end >= 0)
        {
            path = path[..end];
        }

        return Uri.UnescapeDataString(path).ToLowerInvariant().Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    public static bool Matches(string[] pattern, string[] route)
    {
        if (pattern.Length > route.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != "*" && !string.Equals(pattern[i], route[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
