using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HelpWidget.Http;

/// <summary>The package's traces and metrics. Tags hold endpoint names, never what a user typed.</summary>
internal static class HelpServerTelemetry
{
    public const string Name = "HelpWidget.Http";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Unavailable = Meter.CreateCounter<long>(
        "helpwidget.http.unavailable", "{call}", "Calls that found the help server unreachable or failing.");

    public static readonly Counter<long> ServedFromCache = Meter.CreateCounter<long>(
        "helpwidget.http.served_from_cache", "{call}", "Suggestions and articles answered from the cache while the server could not be reached.");

    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "helpwidget.http.request.duration", "s", "Time until the help server answered a call (or the call failed), by endpoint and HTTP status code.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static readonly Counter<long> EventsSent = Meter.CreateCounter<long>(
        "helpwidget.http.events.sent", "{event}", "Insight events the help server took.");

    public static readonly Counter<long> EventsDropped = Meter.CreateCounter<long>(
        "helpwidget.http.events.dropped", "{event}", "Insight events lost because the help server could not be reached or refused them.");

    public static KeyValuePair<string, object?> Endpoint(string endpoint) => new("helpwidget.endpoint", endpoint);
}
