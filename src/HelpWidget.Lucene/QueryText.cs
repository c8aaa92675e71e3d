using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace HelpWidget.Lucene;

/// <summary>What a typed query means for the index: its analysed terms and the word still being typed.</summary>
internal sealed class QueryText
{
    /// <summary>More terms than this add nothing to relevance and would exceed Lucene's clause limit.</summary>
    public const int MaxTerms = 32;

    private QueryText(IReadOnlyList<string> terms, string? prefix)
    {
        Terms = terms;
        Prefix = prefix;
    }

    /// <summary>Gets the distinct analysed (stemmed, stop words removed) terms, in query order.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Gets the last word, lower-cased, when the user may still be typing it; otherwise <see langword="null"/>.</summary>
    public string? Prefix { get; }

    public bool IsEmpty => Terms.Count == 0 && Prefix is null;

    public static QueryText Parse(string query, Analyzer analyzer, int maxLength)
    {
        var text = Sanitise(query, maxLength);
        var terms = Analyse(analyzer, LanguageIndex.BodyField, text).Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();
        return new QueryText(terms, LastWordBeingTyped(text));
    }

    public static List<string> Analyse(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>Cuts the query to its allowed length and turns control characters into spaces.</summary>
    private static string Sanitise(string query, int maxLength)
    {
        var span = query.AsSpan(0, Math.Min(query.Length, maxLength));
        if (span.Length > 0 && char.IsHighSurrogate(span[^1]))
        {
            span = span[..^1];
        }

        return string.Create(span.Length, span.ToString(), static (buffer, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                buffer[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }

    private static string? LastWordBeingTyped(string text)
    {
        if (text.Length == 0 || !char.IsLetterOrDigit(text[^1]))
        {
            return null;
        }

        var start = text.Length;
        while (start > 0 && char.IsLetterOrDigit(text[start - 1]))
        {
            start--;
        }

        var word = text[start..].ToLowerInvariant();
        return word.Length >= 2 ? word : null;
    }
}
