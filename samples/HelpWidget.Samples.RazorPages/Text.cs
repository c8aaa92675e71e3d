using System.Globalization;

namespace HelpWidget.Samples.RazorPages;

/// <summary>
/// The sample's own text in English and Swedish, chosen by the request's UI culture; other cultures read English
/// pages while the help widget speaks their language.
/// </summary>
internal static class Text
{
    /// <summary>The language of the sample's own text, for the page's <c>lang</c> attribute.</summary>
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "sv" ? "sv" : "en";

    public static string T(string english, string swedish) => Language == "sv" ? swedish : english;
}
