using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HelpWidget.PostgreSql.Insights;

/// <summary>
/// The insights' instruments, on the package's meter and activity source (<see cref="PostgreSqlTelemetry"/>). Tags hold
/// operation names, never stored text.
/// </summary>
internal static class InsightsTelemetry
{
    public static ActivitySource Source => PostgreSqlTelemetry.Source;

    public static readonly Counter<long> EventsAppended = PostgreSqlTelemetry.Meter.CreateCounter<long>(
        "helpwidget.postgresql.events.appended", "{event}", "Insight events stored.");

    public static readonly Counter<long> EventsDeleted = PostgreSqlTelemetry.Meter.CreateCounter<long>(
        "helpwidget.postgresql.events.deleted", "{event}", "Insight events deleted because they passed the retention period.");

    public static readonly Histogram<double> ReportDuration = PostgreSqlTelemetry.Meter.CreateHistogram<double>(
        "helpwidget.postgresql.report.duration", "s", "Time to compute the insights of a period.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
}
