using System.Text;

namespace HelpWidget;

/// <summary>Shows a configured value in a validation message, which ends up in logs and start-up errors.</summary>
internal static class OptionValue
{
    private const int MaxShown = 60;

    /// <summary>
    /// The value in quotes, or <c>null</c>; control and format characters become U+FFFD and a long value is cut, so that
    /// a hostile value can neither forge log lines nor flood them.
    /// </summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var shown = new StringBuilder(Math.Min(value.Length, MaxShown) + 3).Append('\'');
        foreach (var c in value.Length > MaxShown ? value.AsSpan(0, MaxShown) : value.AsSpan())
        {
            shown.Append(char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? '\uFFFD' : c);
        }

        return shown.Append(value.Length > MaxShown ? "…'" : "'").ToString();
    }
}
