namespace HelpWidget.Samples.Intranet.Components;

/// <summary>Who may see the help insights dashboard, and which telemetry the console export listens to.</summary>
internal static class InsightsAccess
{
    /// <summary>The authorisation policy of the dashboard: the demo sign-in's support manager (Karin Sjöberg).</summary>
    public const string Policy = "HelpInsights";

    /// <summary>Every HelpWidget package's meter and activity source: each is named after its package.</summary>
    public static readonly string[] TelemetryNames = ["HelpWidget", "HelpWidget.*"];
}
