using System.Net;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace HelpWidget.Lucene;

/// <summary>Cuts the passage of an article's text that best matches a query and marks the matched words.</summary>
internal static class SnippetBuilder
{
    public const int WindowLength = 180;
    private const int Lead = 40;

    /// <summary>Builds safe HTML: every character of the article is encoded; only <c>&lt;mark&gt;</c> is added.</summary>
    public static string Build(string text, QueryText query, Analyzer analyzer)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var marks = FindMatches(text, query, analyzer);
        var start = 0;
        if (marks.Count > 0)
        {
            var best = 0;
            for (var i = 0; i < marks.Count; i++)
            {
                var windowStart = Math.Max(0, marks[i].Start - Lead);
                var count = marks.Count(m => m.Start >= windowStart && m.End <= windowStart + WindowLength);
                if (count > best)
                {
                    best = count;
                    start = windowStart;
                }
            }
        }

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

    private static List<(int Start, int End)> FindMatches(string text, QueryText query, Analyzer analyzer)
    {
        var matches = new List<(int, int)>();
        if (query.IsEmpty)
        {
            return matches;
        }

        var terms = new HashSet<string>(query.Terms, StringComparer.Ordinal);
        using var stream = analyzer.GetTokenStream(LanguageIndex.BodyField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var (start, end) = (offset.StartOffset, offset.EndOffset);
            if (terms.Contains(term.ToString())
                || (query.Prefix is { } prefix && text.AsSpan(start, end - start).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                matches.Add((start, end));
            }
        }

        stream.End();
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
