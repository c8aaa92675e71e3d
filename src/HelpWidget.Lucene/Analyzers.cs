using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Da;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fi;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Analysis.No;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Sv;
using Lucene.Net.Util;

namespace HelpWidget.Lucene;

/// <summary>The analyzers (tokenising, stop words, stemming, folding) of the index.</summary>
internal static class Analyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>The language's own analyzer: stop words and stemming.</summary>
    public static Analyzer For(string language) => language switch
    {
        "en" => new EnglishAnalyzer(Version),
        "sv" => new SwedishAnalyzer(Version),
        "nb" or "nn" or "no" => new NorwegianAnalyzer(Version),
        "da" => new DanishAnalyzer(Version),
        "fi" => new FinnishAnalyzer(Version),
        "de" => new GermanAnalyzer(Version),
        _ => new StandardAnalyzer(Version),
    };

    /// <summary>
    /// Words cut into character n-grams, lower-cased and with diacritics folded: matches word forms the stemmer
    /// misses, parts of compound words ("lösenordsbyte" shares grams with "lösenord") and spellings without å, ä, ö.
    /// </summary>
    public static Analyzer NGrams(int minGram, int maxGram) => Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        stream = new NGramTokenFilter(Version, stream, minGram, maxGram);
        return new TokenStreamComponents(tokenizer, stream);
    });

    /// <summary>Lower-cased whole words, unstemmed; folded when <paramref name="fold"/> (the vocabulary for completions and corrections).</summary>
    public static Analyzer Words(bool fold) => Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        if (fold)
        {
            stream = new ASCIIFoldingFilter(stream);
        }

        return new TokenStreamComponents(tokenizer, stream);
    });

    /// <summary>Folds diacritics the way the index's word field does: "lösenord" becomes "losenord".</summary>
    public static string Fold(string word)
    {
        if (word.All(char.IsAscii))
        {
            return word;
        }

        var output = new char[word.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(word.ToCharArray(), 0, output, 0, word.Length);
        return new string(output, 0, length);
    }
}
