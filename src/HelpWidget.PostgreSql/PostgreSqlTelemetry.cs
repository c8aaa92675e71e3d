using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HelpWidget.PostgreSql;

/// <summary>The package's traces and metrics. Tags hold operation names, never stored text.</summary>
internal static class PostgreSqlTelemetry
{
    public const string Name = "HelpWidget.PostgreSql";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> TicketsSaved = Meter.CreateCounter<long>(
        "helpwidget.postgresql.tickets.saved", "{ticket}", "Tickets committed (a repeated submission is not counted).");
}
