using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HelpWidget.Lucene;

/// <summary>The package's traces and metrics (documented in docs/insights.md). Tags hold the language and the outcome, never the query.</summary>
internal static class LuceneTelemetry
{
    public const string Name = "HelpWidget.Lucene";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Searches = Meter.CreateCounter<long>(
        "helpwidget.lucene.searches", "{search}", "Searches run by the engine (panel, API and contact-form suggestions).");

    public static readonly Counter<long> ZeroResults = Meter.CreateCounter<long>(
        "helpwidget.lucene.searches.zero_results", "{search}", "Searches that found nothing in any language.");

    public static readonly Histogram<double> SearchDuration = Meter.CreateHistogram<double>(
        "helpwidget.lucene.search.duration", "s", "Time to run a search, from the request to the ranked hits.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    public static readonly Counter<long> SemanticSearches = Meter.CreateCounter<long>(
        "helpwidget.lucene.semantic.searches", "{search}", "Searches ranked by meaning as well as by words.");

    public static readonly Counter<long> SemanticFallbacks = Meter.CreateCounter<long>(
        "helpwidget.lucene.semantic.fallbacks", "{search}", "Searches answered by word matching alone although the language has an embedding generator, by reason: not_ready, timeout, error, embedding_failed.");

    public static readonly Counter<long> ArticlesEmbedded = Meter.CreateCounter<long>(
        "helpwidget.lucene.semantic.articles_embedded", "{article}", "Articles whose vectors were computed by the generator (not found in the cache).");

    /// <summary>The language asked for, as a tag: a short language tag, or "other" for anything longer, so a hostile value cannot grow the tag set.</summary>
    public static KeyValuePair<string, object?> Language(string? language) =>
        new("helpwidget.language", language is { Length: > 0 and <= 10 } && language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? language : "other");
}
