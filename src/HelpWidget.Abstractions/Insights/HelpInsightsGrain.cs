namespace HelpWidget;

/// <summary>The length of the unit a counter of an <see cref="IHelpEventStore"/> sums. The numbers may be stored.</summary>
public enum HelpInsightsGrain : short
{
    /// <summary>A UTC day, numbered from 1970-01-01 (<see cref="HelpInsightsCounters.DayOf"/>).</summary>
    Day = 0,

    /// <summary>A week from Monday to Sunday (UTC), numbered from the one holding 1970-01-01 (<see cref="HelpInsightsCounters.WeekOf"/>).</summary>
    Week = 1,

    /// <summary>A calendar month (UTC), numbered from January 1970 (<see cref="HelpInsightsCounters.MonthOf"/>).</summary>
    Month = 2,
}
