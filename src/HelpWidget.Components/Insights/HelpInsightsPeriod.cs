namespace HelpWidget.Components;

/// <summary>The periods the <see cref="HelpInsights"/> dashboard offers; each is compared with the period of the same length just before it.</summary>
public enum HelpInsightsPeriod
{
    /// <summary>Today and the 6 days before it (UTC).</summary>
    Last7Days,

    /// <summary>Today and the 29 days before it (UTC).</summary>
    Last30Days,

    /// <summary>From the first of this month to today, both included (UTC).</summary>
    ThisMonth,

    /// <summary>The dates the user enters, both included (UTC).</summary>
    Custom,
}
