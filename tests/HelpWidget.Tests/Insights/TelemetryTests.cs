namespace HelpWidget.Tests.Insights;

/// <summary>
/// Tests that count what the package's static meters measure run alone: another test recording a search at the same
/// time would be counted too.
/// </summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTests;
