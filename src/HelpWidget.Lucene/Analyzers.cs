using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Da;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fi;
using Lucene.Net.Analysis.No;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Sv;
using Lucene.Net.Util;

namespace HelpWidget.Lucene;

/// <summary>The analyzer (tokenising, stop words, stemming) for each language.</summary>
internal static class Analyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

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
}
