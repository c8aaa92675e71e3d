using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HelpWidget.Insights;

/// <summary>The engine's traces and metrics (documented in docs/insights.md). Tags hold kinds, outcomes, sink names and languages, never what a user typed or who they are.</summary>
internal static class HelpWidgetTelemetry
{
    public const string Name = "HelpWidget";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Searches = Meter.CreateCounter<long>(
        "helpwidget.searches", "{search}", "Searches made in the panel, with and without results.");

    public static readonly Counter<long> ZeroResultSearches = Meter.CreateCounter<long>(
        "helpwidget.searches.zero_results", "{search}", "Searches made in the panel that found nothing.");

    public static readonly Counter<long> ArticleViews = Meter.CreateCounter<long>(
        "helpwidget.article.views", "{view}", "Articles opened in the panel.");

    public static readonly Counter<long> Votes = Meter.CreateCounter<long>(
        "helpwidget.votes", "{vote}", "Answers to \"Was this helpful?\".");

    public static readonly Counter<long> Tickets = Meter.CreateCounter<long>(
        "helpwidget.tickets", "{ticket}", "Tickets created from the panel.");

    public static readonly Counter<long> Deflections = Meter.CreateCounter<long>(
        "helpwidget.deflections", "{deflection}", "Times a suggested article solved the problem on the contact form.");

    public static readonly Counter<long> EventsWritten = Meter.CreateCounter<long>(
        "helpwidget.insights.events.written", "{event}", "Insight events written to a store or sink.");

    public static readonly Counter<long> EventsDropped = Meter.CreateCounter<long>(
        "helpwidget.insights.events.dropped", "{event}", "Insight events dropped: the buffer was full, or a store or sink failed.");

    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        "helpwidget.ticket.deliveries", "{attempt}", "Attempts to deliver a ticket to a sink, by outcome.");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "helpwidget.ticket.delivery.retries", "{retry}", "Failed delivery attempts that will be tried again.");

    public static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>(
        "helpwidget.ticket.dead_letters", "{ticket}", "Tickets given up on for a sink (dead letters).");

    public static readonly Histogram<double> DeliveryDuration = Meter.CreateHistogram<double>(
        "helpwidget.ticket.delivery.duration", "s", "Duration of one attempt to deliver a ticket to a sink.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    public static KeyValuePair<string, object?> Sink(string name) => new("helpwidget.sink", name);

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("helpwidget.outcome", outcome);

    public static KeyValuePair<string, object?> Reason(string reason) => new("helpwidget.drop.reason", reason);

    public static KeyValuePair<string, object?> Language(string? language) => new("helpwidget.language", language ?? "unknown");
}
