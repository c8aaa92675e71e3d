namespace HelpWidget;

/// <summary>Options of the demonstration data that <c>AddHelpInsightsDemoData()</c> writes at start-up.</summary>
public sealed class HelpInsightsDemoDataOptions
{
    /// <summary>
    /// Gets or sets how many days of simulated use, ending when the app starts, are written; and how far back the
    /// store is checked for simulated events before writing (when it holds any, nothing is written). From 1 to 366.
    /// Defaults to 30.
    /// </summary>
    public int Days { get; set; } = 30;

    /// <summary>
    /// Gets or sets the seed of the simulation: the same seed, articles and start time give the same events. Defaults
    /// to 2026.
    /// </summary>
    public int Seed { get; set; } = 2026;

    /// <summary>
    /// Gets or sets the average number of help sessions on a working day (weekends have fewer). From 1 to 5,000.
    /// Defaults to 120.
    /// </summary>
    public int SessionsPerDay { get; set; } = 120;
}
