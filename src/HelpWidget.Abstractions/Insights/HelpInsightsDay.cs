namespace HelpWidget;

/// <summary>The Self Service Rate of one day (UTC) of a period.</summary>
public sealed class HelpInsightsDay
{
    /// <summary>Gets the day, in UTC.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Gets the number of self-service resolutions among the help sessions that started that day.</summary>
    public required int Resolutions { get; init; }

    /// <summary>Gets the number of tickets created that day.</summary>
    public required int Tickets { get; init; }

    /// <summary>Gets the Self Service Rate, resolutions / (resolutions + tickets); <see langword="null"/> when both are zero.</summary>
    public double? SelfServiceRate => Resolutions + Tickets == 0 ? null : (double)Resolutions / (Resolutions + Tickets);
}
