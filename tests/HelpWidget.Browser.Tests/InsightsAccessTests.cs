using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>The help insights page of the sample is the support manager's: no link and no figures for anyone else.</summary>
public sealed class InsightsAccessTests(SampleAppFixture app) : BrowserTest(app)
{
    private ILocator InsightsLink => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Help insights" });

    [Theory]
    [InlineData(null)]
    [InlineData("Aino Virtanen")]
    [InlineData("Magnus Haugen")]
    public async Task Insights_AnyoneButTheSupportManager_SeesNoLinkAndIsRefused(string? person)
    {
        if (person is not null)
        {
            await Page.GotoAsync("/sign-in?returnUrl=%2F");
            await Page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {person}" }).ClickAsync();
        }

        await OpenPageAsync("/");
        await Expect(InsightsLink).ToHaveCountAsync(0);

        await OpenPageAsync("/insights");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("You do not have access to help insights. Ask your administrator if you need them.");
        await Expect(Page.Locator(".hw-insights table")).ToHaveCountAsync(0);
        await Expect(Page.Locator(".hw-insights a[download]")).ToHaveCountAsync(0);
        await AssertAccessibleAsync($"insights-refused-{person ?? "anonymous"}");
        AssertNoProblems();
    }

    [Fact]
    public async Task Insights_SupportManager_FindsTheLinkAndTheSampleDemonstrationDataMarkedAsSuch()
    {
        await Page.GotoAsync("/sign-in?returnUrl=%2F");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Karin Sjöberg" }).ClickAsync();
        await Expect(Launcher).ToBeEnabledAsync();

        await InsightsLink.ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Help insights", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Combobox, new() { Name = "Period" })).ToBeVisibleAsync();
        await Expect(InsightsLink).ToHaveAttributeAsync("aria-current", "page");

        // The sample writes its month of demonstration data in the background at start-up; until it is stored, asking
        // again shows the figures of the moment.
        var mark = Page.Locator(".hw-insights-simulated");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await mark.CountAsync() == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Page.GetByRole(AriaRole.Button, new() { Name = "Show figures" }).ClickAsync();
            await Expect(Page.Locator(".hw-insights-status")).ToBeEmptyAsync();
        }

        await Expect(mark).ToContainTextAsync("Includes simulated demonstration data.");
        await Expect(Page.Locator(".hw-insights-figure-sessions .hw-insights-value")).Not.ToHaveTextAsync("0");
        await AssertAccessibleAsync("insights-demo-data");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "insights-demo-data-full.png"), FullPage = true });
        AssertNoProblems();
    }
}
