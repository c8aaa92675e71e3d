using System.Globalization;

namespace HelpWidget.Samples.Intranet.Components;

/// <summary>The sample's own text in English and Swedish, chosen by the request's UI culture.</summary>
internal static class Text
{
    public static string T(string english, string swedish) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "sv" ? swedish : english;
}
