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

    public static KeyValuePair<string, object?> Endpoint(string endpoint) => new("helpwidget.endpoint", endpoint);
}
