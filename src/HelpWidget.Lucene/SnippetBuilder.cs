using System.Net;
using System.Text;

namespace HelpWidget.Lucene;

/// <summary>Cuts the passage of an article's text that best matches a query and marks the matched words.</summary>
/// <remarks>
/// Runs for every hit of every keystroke, so it scans words instead of re-analysing the text: a word matches when it
/// begins with a query term (terms are stems, so "passwords" matches "password") or with the word being typed.
/// </remarks>
internal static class SnippetBuilder
{
    public const int WindowLength = 180;
    private const int Lead = 40;
    private const int MinStemLength = 3;

    /// <summary>How far into an article the best passage is looked for; bounds the cost of very long articles.</summary>
    private const int MaxScannedLength = 6000;

    /// <summary>Builds safe HTML: every character of the article is encoded; only <c>&lt;mark&gt;</c> is added.</summary>
    public static string Build(string text, ScannedText scanned, QueryText query)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var marks = FindMatches(scanned, query);
        var start = BestWindowStart(marks);
        start = WordStart(text, start);
        var end = WordEnd(text, Math.Min(text.Length, start + WindowLength));
        var html = new StringBuilder(WindowLength * 2);
        if (start > 0)
        {
            html.Append("… ");
        }

        var position = start;
        foreach (var (markStart, markEnd) in marks)
        {
            if (markStart < position || markEnd > end)
            {
                continue;
            }

            html.Append(WebUtility.HtmlEncode(text[position..markStart]));
            html.Append("<mark>").Append(WebUtility.HtmlEncode(text[markStart..markEnd])).Append("</mark>");
            position = markEnd;
        }

        html.Append(WebUtility.HtmlEncode(text[position..end]));
        if (end < text.Length)
        {
            html.Append(" …");
        }

        return html.ToString();
    }

    private static int BestWindowStart(List<(int Start, int End)> marks)
    {
        int best = 0, bestStart = 0, first = 0;
        for (var last = 0; last < marks.Count; last++)
        {
            while (marks[last].End - marks[first].Start > WindowLength - Lead)
            {
                first++;
            }

            if (last - first + 1 > best)
            {
                best = last - first + 1;
                bestStart = Math.Max(0, marks[first].Start - Lead);
            }
        }

        return bestStart;
    }

    /// <summary>The part of an article snippets are cut from, lower-cased, with the offsets of its words; computed once per article.</summary>
    public static ScannedText Scan(string text)
    {
        var length = Math.Min(text.Length, MaxScannedLength);
        var lower = text[..length].ToLowerInvariant();
        var starts = new List<int>();
        for (var i = 0; i < length; i++)
        {
            if (char.IsLetterOrDigit(lower[i]) && (i == 0 || !char.IsLetterOrDigit(lower[i - 1])))
            {
                starts.Add(i);
            }
        }

        return new ScannedText(lower, [.. starts]);
    }

    private static List<(int Start, int End)> FindMatches(ScannedText scanned, QueryText query)
    {
        var matches = new List<(int, int)>();
        if (query.IsEmpty)
        {
            return matches;
        }

        // Query words by first letter: most words of the text start with a letter no query word starts with.
        var byFirstLetter = new Dictionary<char, List<string>>();
        foreach (var word in query.Prefix is null ? query.Terms : query.Terms.Append(query.Prefix))
        {
            var key = char.ToLowerInvariant(word[0]);
            if (!byFirstLetter.TryGetValue(key, out var list))
            {
                byFirstLetter[key] = list = [];
            }

            list.Add(word.ToLowerInvariant());
        }

        var lower = scanned.Lower.AsSpan();
        foreach (var start in scanned.WordStarts)
        {
            if (!byFirstLetter.TryGetValue(lower[start], out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                if (!lower[start..].StartsWith(candidate))
                {
                    continue;
                }

                var end = start + candidate.Length;
                var wholeWord = end == lower.Length || !char.IsLetterOrDigit(lower[end]);
                if (candidate.Length >= MinStemLength || wholeWord)
                {
                    while (end < lower.Length && char.IsLetterOrDigit(lower[end]))
                    {
                        end++;
                    }

                    matches.Add((start, end));
                    break;
                }
            }
        }

        return matches;
    }

    private static int WordStart(string text, int index)
    {
        if (index == 0)
        {
            return 0;
        }

        var space = text.LastIndexOf(' ', index);
        return space < 0 ? 0 : space + 1;
    }

    private static int WordEnd(string text, int index)
    {
        if (index >= text.Length)
        {
            return text.Length;
        }

        var space = text.IndexOf(' ', index);
        return space < 0 || space - index > 30 ? index : space;
    }
}

/// <summary>An article's text prepared for snippets: lower-cased, with its word offsets.</summary>
internal sealed record ScannedText(string Lower, int[] WordStarts);
