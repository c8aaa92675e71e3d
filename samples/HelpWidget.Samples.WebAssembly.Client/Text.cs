using System.Globalization;

namespace HelpWidget.Samples.WebAssembly.Client;

/// <summary>
/// The sample's own text in English and Swedish, chosen by the UI culture; other cultures read English pages while the
/// help widget speaks their language. Public because the host's page shell sets the document's language with it.
/// </summary>
public static class Text
{
    /// <summary>Gets the language of the sample's own text, for the page's <c>lang</c> attribute.</summary>
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "sv" ? "sv" : "en";

    /// <summary>The English or the Swedish text, after <see cref="Language"/>.</summary>
    public static string T(string english, string swedish) => Language == "sv" ? swedish : english;
}
