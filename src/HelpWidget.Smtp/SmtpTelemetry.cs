using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HelpWidget.Smtp;

/// <summary>The package's traces and metrics (documented in docs/insights.md). Tags hold outcomes, never addresses or ticket text.</summary>
internal static class SmtpTelemetry
{
    public const string Name = "HelpWidget.Smtp";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Messages = Meter.CreateCounter<long>(
        "helpwidget.smtp.messages", "{message}", "Attempts to send a ticket as an e-mail message, by outcome (sent, retry, permanent).");

    public static readonly Histogram<double> SendDuration = Meter.CreateHistogram<double>(
        "helpwidget.smtp.send.duration", "s", "Time to connect, authenticate and send one message.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("helpwidget.outcome", outcome);
}
