using System.Globalization;

namespace HelpWidget;

/// <summary>
/// The cultures this process can create, for the app's request localization and language choice. A
/// globalization-invariant process (<c>DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1</c> or <c>&lt;InvariantGlobalization&gt;</c>,
/// as in many container images) knows none but the invariant culture and throws for the rest; the widget then answers
/// in <see cref="HelpWidgetOptions.DefaultLanguage"/>, and articles keep their languages.
/// </summary>
public static class HelpWidgetCultures
{
    /// <summary>Gets the culture named <paramref name="name"/>, or <see langword="null"/> when this process cannot create it.</summary>
    /// <param name="name">A culture name such as <c>sv</c> or <c>sv-SE</c>.</param>
    /// <returns>The culture, or <see langword="null"/>.</returns>
    public static CultureInfo? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Keeps the names of the cultures this process can create, in their order.</summary>
    /// <param name="names">The culture names the app offers, such as <c>en</c>, <c>sv</c>.</param>
    /// <returns>The names that can be used; empty in a globalization-invariant process.</returns>
    public static string[] Available(params IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return [.. names.Where(name => Find(name) is not null)];
    }
}
