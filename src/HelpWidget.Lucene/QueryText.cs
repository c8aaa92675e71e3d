using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace HelpWidget.Lucene;

/// <summary>What a typed query means for one language's index: its analysed terms, its words and the word still being typed.</summary>
internal sealed class QueryText
{
    /// <summary>More terms than this add nothing to relevance and would exceed Lucene's clause limit.</summary>
    public const int MaxTerms = 32;

    private QueryText(string text, IReadOnlyList<string> terms, IReadOnlyList<string> rawWords, string? prefix)
    {
        Text = text;
        Terms = terms;
        RawWords = rawWords;
        Words = [.. rawWords.Select(Analyzers.Fold)];
        Prefix = prefix;
    }

    /// <summary>Gets the query cut to its allowed length, control characters replaced by spaces.</summary>
    public string Text { get; }

    /// <summary>Gets the distinct analysed (stemmed, stop words removed) terms, in query order.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Gets the distinct lower-cased words as typed, unstemmed, stop words included, in query order.</summary>
    public IReadOnlyList<string> RawWords { get; }

    /// <summary>Gets <see cref="RawWords"/> with diacritics folded, as the index's word field holds them.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Gets the last word, lower-cased and folded, when the user may still be typing it; otherwise <see langword="null"/>.</summary>
    public string? Prefix { get; }

    public bool IsEmpty => Terms.Count == 0 && Prefix is null;

    public static QueryText Parse(string query, LanguageIndex index, int maxLength)
    {
        var text = Sanitise(query, maxLength);
        var terms = Analyse(index.Analyzer, LanguageIndex.BodyField, text).Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();
        var words = Analyse(index.RawWordAnalyzer, LanguageIndex.WordsField, text).Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();
        var typing = text.Length > 0 && char.IsLetterOrDigit(text[^1]) && words.Count > 0 && words[^1].Length >= 2;
        return new QueryText(text, terms, words, typing ? Analyzers.Fold(words[^1]) : null);
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

    private static string Sanitise(string query, int maxLength)
    {
        var length = Math.Min(query.Length, maxLength);
        if (length > 0 && char.IsHighSurrogate(query[length - 1]))
        {
            length--;
        }

        return string.Create(length, query, static (buffer, source) =>
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}
