namespace HelpWidget.Tests;

public sealed class OpeningHoursTests
{
    // Monday 23 November 2026; Stockholm is UTC+1 in November.
    private static DateTimeOffset Stockholm(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(23, 9, 0, true)]
    [InlineData(23, 16, 29, true)]
    [InlineData(23, 16, 30, false)]
    [InlineData(23, 7, 59, false)]
    [InlineData(28, 10, 0, false)]
    public void DayHours_AreOpenBetweenOpeningAndClosing(int day, int hour, int minute, bool open) =>
        Assert.Equal(open, Hours(8, 0, 16, 30).StatusAt(Stockholm(day, hour, minute)).IsOpen);

    [Theory]
    [InlineData(23, 21, 59, false)]
    [InlineData(23, 22, 0, true)]
    [InlineData(23, 23, 30, true)]
    [InlineData(24, 1, 59, true)]
    [InlineData(24, 2, 0, false)]
    [InlineData(23, 1, 0, false)] // Sunday night is not an open night: Sunday is not a listed day.
    [InlineData(28, 1, 0, true)] // Friday's night goes on into Saturday.
    [InlineData(28, 22, 30, false)]
    public void HoursThroughMidnight_StayOpenIntoTheNextMorning(int day, int hour, int minute, bool open) =>
        Assert.Equal(open, Hours(22, 0, 2, 0).StatusAt(Stockholm(day, hour, minute)).IsOpen);

    [Fact]
    public void HoursThroughMidnight_WhenClosed_GiveTheNextEvening()
    {
        var (open, next) = Hours(22, 0, 2, 0).StatusAt(Stockholm(24, 12, 0));

        Assert.False(open);
        Assert.Equal(new DateTime(2026, 11, 24, 22, 0, 0), next);
    }

    [Fact]
    public void SameOpeningAndClosingEveryDay_IsAlwaysOpen()
    {
        var hours = Hours(0, 0, 0, 0, Enum.GetValues<DayOfWeek>());

        Assert.True(hours.IsAlwaysOpen);
        Assert.All(Enumerable.Range(0, 7 * 24), hour => Assert.True(hours.StatusAt(Stockholm(23, 0).AddHours(hour)).IsOpen));
    }

    [Fact]
    public void SameOpeningAndClosingOnWeekdays_IsOpenFor24HoursFromEachOpening()
    {
        var hours = Hours(6, 0, 6, 0);

        Assert.False(hours.IsAlwaysOpen);
        Assert.True(hours.StatusAt(Stockholm(28, 5, 59)).IsOpen); // Friday 06:00 to Saturday 06:00
        Assert.False(hours.StatusAt(Stockholm(28, 6, 0)).IsOpen);
        Assert.Equal(new DateTime(2026, 11, 30, 6, 0, 0), hours.StatusAt(Stockholm(28, 6, 0)).NextOpening);
    }

    private static OpeningHours Hours(int opensHour, int opensMinute, int closesHour, int closesMinute, DayOfWeek[]? days = null)
    {
        var hours = new OpeningHours { TimeZone = "Europe/Stockholm", Opens = new TimeOnly(opensHour, opensMinute), Closes = new TimeOnly(closesHour, closesMinute) };
        foreach (var day in days ?? [])
        {
            hours.Days.Add(day);
        }

        return hours;
    }
}
