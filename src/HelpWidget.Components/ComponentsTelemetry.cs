using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HelpWidget.Components;

/// <summary>
/// The package's traces and metrics: what the panel shows and how long a search takes to reach the screen. Tags hold
/// outcomes and article sources, never a query, an article's text or the user.
/// </summary>
internal static class ComponentsTelemetry
{
    public const string Name = "HelpWidget.Components";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> PanelOpens = Meter.CreateCounter<long>(
        "helpwidget.components.panel.opens", "{open}", "Times the help panel opened.");

    public static readonly Counter<long> SuggestionsShown = Meter.CreateCounter<long>(
        "helpwidget.components.suggestions.shown", "{list}", "Times the open panel showed suggestions for the page without a search.");

    public static readonly Counter<long> ArticlesOpened = Meter.CreateCounter<long>(
        "helpwidget.components.articles.opened", "{view}", "Articles opened in the panel, by where the user opened them from.");

    public static readonly Histogram<double> SearchDuration = Meter.CreateHistogram<double>(
        "helpwidget.components.search.duration", "s", "Time from a change of the search box to the results the panel shows (the provider's search included).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("helpwidget.outcome", outcome);

    /// <summary>The source as a tag value: <c>suggestion</c>, <c>search</c>, <c>field_help</c>, <c>deep_link</c>, <c>related</c> or <c>unknown</c>.</summary>
    public static KeyValuePair<string, object?> ArticleSource(HelpArticleSource? source) => new("helpwidget.article.source", source switch
    {
        HelpArticleSource.Suggestion => "suggestion",
        HelpArticleSource.Search => "search",
        HelpArticleSource.FieldHelp => "field_help",
        HelpArticleSource.DeepLink => "deep_link",
        HelpArticleSource.Related => "related",
        _ => "unknown",
    });
}
