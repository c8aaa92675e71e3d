using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HelpWidget.AspNetCore;

/// <summary>The package's traces and metrics. Tags hold endpoint names and rule codes, never what a caller typed.</summary>
internal static class ApiTelemetry
{
    public const string Name = "HelpWidget.AspNetCore";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> ValidationRejections = Meter.CreateCounter<long>(
        "helpwidget.api.validation_rejections", "{request}", "Requests refused because a parameter or body broke a rule.");

    public static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>(
        "helpwidget.api.rate_limit_rejections", "{request}", "Requests refused by a rate-limiting policy.");

    public static readonly Counter<long> EventsReceived = Meter.CreateCounter<long>(
        "helpwidget.api.events.received", "{event}", "Insight events received from remote widgets, by what became of them.");

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("helpwidget.outcome", outcome);

    public static void Rejected(string endpoint, string code) =>
        ValidationRejections.Add(1, new KeyValuePair<string, object?>("helpwidget.endpoint", endpoint), new KeyValuePair<string, object?>("helpwidget.rule", code));
}
