using HelpWidget.Testing;

namespace HelpWidget.Tests.Insights;

public sealed class HelpInsightsCalculatorTests : HelpInsightsConformanceTests
{
    protected override Task<HelpInsightsReport> ReportAsync(IReadOnlyList<HelpEvent> events, HelpInsightsQuery query) =>
        Task.FromResult(HelpInsightsCalculator.Calculate(events, query));

    [Fact]
    public void Calculate_EventsInAnyOrder_GiveTheSameFigures()
    {
        var script = new EventScript(Start)
            .Session("alex", "s1").Search("vpn", 0).View("vpn-connect").Vote("vpn-connect", helpful: false, reason: "outdated").Vote("vpn-connect", helpful: true)
            .Session("kim", "s2").Contact().Ticket();
        var query = new HelpInsightsQuery { From = Start, To = Start.AddDays(1) };

        var ordered = System.Text.Json.JsonSerializer.Serialize(HelpInsightsCalculator.Calculate(script.Events, query));
        var reversed = System.Text.Json.JsonSerializer.Serialize(HelpInsightsCalculator.Calculate(Enumerable.Reverse(script.Events).ToList(), query));

        Assert.Equal(ordered, reversed);
    }

    [Theory]
    [InlineData(0, 20, "To")]
    [InlineData(-1, 20, "To")]
    [InlineData(3661, 20, "To")]
    [InlineData(1, 0, "Top")]
    [InlineData(1, 1001, "Top")]
    public void Calculate_AnInvalidPeriod_IsRefusedWithAMessageNamingIt(int days, int top, string parameter)
    {
        var query = new HelpInsightsQuery { From = Start, To = Start.AddDays(days), Top = top };

        var exception = Assert.Throws<ArgumentException>(parameter, () => HelpInsightsCalculator.Calculate([], query));

        Assert.Contains(parameter == "Top" ? $"Top ({top})" : "2026-03-02T09:00:00", exception.Message, StringComparison.Ordinal);
    }
}
