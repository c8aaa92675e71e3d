using System.Globalization;
using System.Resources;

namespace HelpWidget.Components.Insights;

/// <summary>
/// The text of the dashboard's figures by area (<c>InsightsAreaStrings*.resx</c> beside it), in the UI culture's
/// language with English as the fallback.
/// </summary>
internal static class InsightsAreaStrings
{
    private static readonly ResourceManager s_resources = new("HelpWidget.Components.Insights.InsightsAreaStrings", typeof(InsightsAreaStrings).Assembly);

    public static string ByArea => Get(nameof(ByArea));

    public static string Area => Get(nameof(Area));

    public static string Articles => Get(nameof(Articles));

    public static string Views => Get(nameof(Views));

    public static string ViewsFromSearch => Get(nameof(ViewsFromSearch));

    public static string ContactsAfter => Get(nameof(ContactsAfter));

    public static string NoArea => Get(nameof(NoArea));

    public static string NoVotes => Get(nameof(NoVotes));

    private static string Get(string name) => s_resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
