namespace HelpWidget.PostgreSql.Insights;

/// <summary>
/// The calendar of the counters (UTC days, weeks from Monday, months, all counted from 1970) and the keys of their
/// rows. Times are Unix milliseconds.
/// </summary>
internal static class InsightsUnits
{
    public const long Day = 86_400_000;

    /// <summary>Stands for "none" in the counters' keys, which cannot be null; no stored text holds a control character.</summary>
    public const string None = "\u0001";

    /// <summary>Separates the parts of a composite key; no stored text holds a control character.</summary>
    public const char Separator = '\u0002';

    public const short DayGrain = 0;
    public const short WeekGrain = 1;
    public const short MonthGrain = 2;

    private static readonly int s_epochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static long DayOf(long at) => at >= 0 ? at / Day : ((at + 1) / Day) - 1;

    /// <summary>The month of a day (days since 1970-01-01), as months since January 1970.</summary>
    public static long MonthOf(long day)
    {
        var date = DateOnly.FromDayNumber((int)(s_epochDay + day));
        return ((date.Year - 1970) * 12L) + date.Month - 1;
    }

    /// <summary>The week (Monday to Sunday) of a day (days since 1970-01-01, a Thursday), as weeks since the Monday before it.</summary>
    public static long WeekOf(long day) => day >= -3 ? (day + 3) / 7 : ((day + 4) / 7) - 1;

    /// <summary>The first day (a Monday) of a week, as days since 1970-01-01.</summary>
    public static long FirstDayOfWeek(long week) => (week * 7) - 3;

    /// <summary>The first day of a month (months since January 1970), as days since 1970-01-01.</summary>
    public static long FirstDayOfMonth(long month) => new DateOnly(1970 + (int)Math.Floor(month / 12.0), (int)(((month % 12) + 12) % 12) + 1, 1).DayNumber - s_epochDay;

    public static string Key(string? value) => value ?? None;

    public static string? Unkey(string value) => value == None ? null : value;

    /// <summary>The second key of a vote counter: the answer (1 or 0) and the reason.</summary>
    public static string VoteKey(bool helpful, string? reason) => (helpful ? "1" : "0") + Separator + Key(reason);

    /// <summary>The first key of a search's route counter: its query and language.</summary>
    public static string RouteKey(string? query, string? language) => Key(query) + Separator + Key(language);
}
