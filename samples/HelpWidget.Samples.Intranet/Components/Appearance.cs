using HelpWidget.Components;

namespace HelpWidget.Samples.Intranet.Components;

/// <summary>The user's choice of theme for the help widget, remembered in a cookie like the language.</summary>
internal static class Appearance
{
    public const string CookieName = "Nordhav.HelpTheme";

    /// <summary>
    /// The theme named in the request's cookie; <see langword="null"/> when there is none or it is not a theme, which
    /// leaves the choice to the app's options (HelpWidget:Launcher in appsettings.json).
    /// </summary>
    public static HelpTheme? FromRequest(HttpContext? context) => Parse(context?.Request.Cookies[CookieName]);

    /// <summary>The theme with this exact name, ignoring case; <see langword="null"/> for anything else, numbers included.</summary>
    public static HelpTheme? Parse(string? name) =>
        Enum.GetValues<HelpTheme>().Select(theme => (HelpTheme?)theme).FirstOrDefault(theme => string.Equals(theme.ToString(), name, StringComparison.OrdinalIgnoreCase));
}
