using System.Globalization;
using System.Text;

namespace HelpWidget.Tool;

/// <summary>Makes text from files and arguments safe to print: a control character (such as ESC, which starts terminal commands) is shown as <c>\uXXXX</c>.</summary>
internal static class SafeText
{
    public static string Of(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E' or '\u202D' or '\u2066' or '\u2067' or '\u2068' or '\u2069')
            {
                builder ??= new StringBuilder(value, 0, i, value.Length + 16);
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? value;
    }
}
