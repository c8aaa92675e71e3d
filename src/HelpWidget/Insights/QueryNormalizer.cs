using System.Globalization;
using System.Text;

namespace HelpWidget.Insights;

/// <summary>
/// What a search is stored as in <see cref="HelpEvent.Query"/>: full-width forms and other digits made ASCII, single spaces, scrubbed of personal data, lower case, at most 200 characters. The spaces are made single
/// before scrubbing, so a number typed with odd spacing is seen as the scrubber would see it once stored.
/// </summary>
internal static class QueryNormalizer
{
    public static string? Normalize(IPersonalDataScrubber scrubber, string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var builder = new StringBuilder(query.Length);
        foreach (var original in query)
        {
            var c = Compatible(original);
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        if (scrubber.ScrubQuery(builder.ToString()) is not { } scrubbed)
        {
            return null;
        }

        var text = scrubbed.ToLowerInvariant();
        if (text.Length > HelpEvent.MaxQueryLength)
        {
            text = text[..HelpEvent.MaxQueryLength].TrimEnd();
            if (text.Length > 0 && char.IsHighSurrogate(text[^1]))
            {
                text = text[..^1];
            }
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// Full-width forms (U+FF01 to U+FF5E) become their ASCII letters, digits and signs, and every other decimal digit
    /// (Arabic-Indic, Devanagari, …) its ASCII digit, so that a number or address typed in them is recognised by the
    /// scrubber. (Unicode compatibility normalisation would do more, but is not available in a browser.)
    /// </summary>
    private static char Compatible(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            return (char)(c - 0xFEE0);
        }

        return c > '\u007F' && char.IsDigit(c) && CharUnicodeInfo.GetDecimalDigitValue(c) is >= 0 and <= 9 and var digit ? (char)('0' + digit) : c;
    }
}
