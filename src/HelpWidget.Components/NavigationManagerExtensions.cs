using Microsoft.AspNetCore.Components;

namespace HelpWidget.Components;

internal static class NavigationManagerExtensions
{
    /// <summary>The path of the current page relative to the app's base, without query or fragment, such as <c>/expenses/new</c>.</summary>
    public static string CurrentRoute(this NavigationManager navigation)
    {
        var relative = navigation.ToBaseRelativePath(navigation.Uri);
        var end = relative.IndexOfAny(['?', '#']);
        return "/" + (end >= 0 ? relative[..end] : relative);
    }

    /// <summary>
    /// The first value named <paramref name="name"/> (without regard to case) in the address's query, decoded as a browser
    /// encodes a form (<c>+</c> is a space); <see langword="null"/> when there is none. Written out rather than with
    /// <c>HttpUtility.ParseQueryString</c>, which brings three assemblies to a WebAssembly app for one look-up.
    /// </summary>
    public static string? QueryParameter(string uri, string name)
    {
        var end = uri.IndexOf('#', StringComparison.Ordinal);
        end = end < 0 ? uri.Length : end;
        var question = uri.IndexOf('?', 0, end);
        if (question < 0)
        {
            return null;
        }

        var query = uri.AsSpan(question + 1, end - question - 1);
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            if (equals >= 0 && string.Equals(Decode(pair[..equals]), name, StringComparison.OrdinalIgnoreCase))
            {
                return Decode(pair[(equals + 1)..]);
            }
        }

        return null;
    }

    private static string Decode(ReadOnlySpan<char> encoded) => Uri.UnescapeDataString(encoded.ToString().Replace('+', ' '));
}
