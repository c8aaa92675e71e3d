using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

public sealed class AppearanceTests(SampleAppFixture app) : BrowserTest(app)
{
    private const int Width = 1280;

    /// <summary>1.25rem, the default distance of the launcher and the panel from the window's edges.</summary>
    private const double Edge = 20;

    [Theory]
    [InlineData("Dark", "light", "rgb(30, 33, 39)")]
    [InlineData("Light", "dark", "rgb(255, 255, 255)")]
    public async Task Theme_ChosenOnTheProfilePage_WinsOverTheSystemSetting(string choice, string system, string panelBackground)
    {
        var theme = choice.ToLowerInvariant();
        await Page.EmulateMediaAsync(new() { ColorScheme = system == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await OpenPageAsync("/profile");
        var choices = Page.GetByRole(AriaRole.Region, new() { Name = "Appearance of Help" });
        await Expect(choices.GetByRole(AriaRole.Link, new() { Name = "Follow this site" })).ToHaveAttributeAsync("aria-current", "true");
        await choices.GetByRole(AriaRole.Link, new() { Name = choice, Exact = true }).ClickAsync();
        await Expect(choices.GetByRole(AriaRole.Link, new() { Name = choice, Exact = true })).ToHaveAttributeAsync("aria-current", "true");

        // The choice reloads the page: a link clicked while the reloaded page starts its circuit can be lost.
        await Expect(Launcher).ToBeEnabledAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Leave request" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Leave request", Level = 1 })).ToBeVisibleAsync();
        await Expect(Launcher).ToBeEnabledAsync();
        await Expect(Page.Locator(".hw-root")).ToHaveAttributeAsync("data-hw-theme", theme);
        await AssertAccessibleAsync($"theme-{theme}-on-{system}-closed");

        await Launcher.ClickAsync();
        await Expect(Panel).ToHaveCSSAsync("background-color", panelBackground);
        await Expect(SearchBox).ToHaveCSSAsync("color-scheme", theme);
        await AssertAccessibleAsync($"theme-{theme}-on-{system}-open");

        await SearchBox.FillAsync("semester vacation");
        await Expect(Panel.GetByRole(AriaRole.List, new() { Name = "Search results" }).Locator("mark").First).ToBeVisibleAsync();
        await AssertAccessibleAsync($"theme-{theme}-on-{system}-results");

        await Panel.GetByRole(AriaRole.Button, new() { Name = "Request vacation" }).ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Radio, new() { Name = "Steps are missing" })).ToBeVisibleAsync();
        await AssertAccessibleAsync($"theme-{theme}-on-{system}-feedback");

        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" })).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertAccessibleAsync($"theme-{theme}-on-{system}-form-errors");

        // Back to following the system.
        await OpenPageAsync("/profile");
        await choices.GetByRole(AriaRole.Link, new() { Name = "Follow the system" }).ClickAsync();
        await Expect(Page.Locator(".hw-root")).ToHaveAttributeAsync("data-hw-theme", "auto");
        await Launcher.ClickAsync();
        await Expect(Panel).ToHaveCSSAsync("background-color", system == "dark" ? "rgb(30, 33, 39)" : "rgb(255, 255, 255)");
        AssertNoProblems();
    }

    [Fact]
    public async Task Tokens_SetInTheAppsOwnStylesheet_WinOverTheDefaults()
    {
        await OpenPageAsync("/leave");

        // The lowest specificity an app would write, in a stylesheet of its own (constructed: the page allows no inline style).
        await Page.EvaluateAsync("""
            () => {
                const sheet = new CSSStyleSheet();
                sheet.replaceSync('.hw-root { --hw-accent: #00696b; --hw-launcher-radius: 4px; }');
                document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
            }
            """);

        await Expect(Launcher).ToHaveCSSAsync("background-color", "rgb(0, 105, 107)");
        await Expect(Launcher).ToHaveCSSAsync("border-radius", "4px");
        await AssertAccessibleAsync("tokens-from-the-app");
        AssertNoProblems();
    }

    [Fact]
    public async Task ReducedMotion_StopsEveryTransitionAndAnimation()
    {
        await OpenPageAsync("/leave");
        await Launcher.ClickAsync();
        await SearchBox.FillAsync("vpn");
        await Expect(Panel.GetByRole(AriaRole.List, new() { Name = "Search results" })).ToBeVisibleAsync();
        Assert.Contains(await DurationsAsync(), duration => duration != "0s");

        await Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });

        var durations = await DurationsAsync();
        Assert.All(durations, duration => Assert.Equal("0s", duration));
        AssertNoProblems();
    }

    [Fact]
    public async Task RightToLeft_LauncherAndPanelMirror_AndStayAccessible()
    {
        await OpenPageAsync("/expenses/new");
        Assert.Equal(Width - Edge, Right(await BoxAsync(Launcher)), 1);

        await Page.EvaluateAsync("() => document.documentElement.dir = 'rtl'");

        var launcher = await BoxAsync(Launcher);
        Assert.Equal(Edge, launcher.X, 1);
        await AssertAccessibleAsync("rtl-closed");
        await Launcher.ClickAsync();
        var panel = await BoxAsync(Panel);
        Assert.Equal(Edge, panel.X, 1);
        Assert.True(panel.Y + panel.Height < launcher.Y, "The panel sits above the launcher.");
        await AssertAccessibleAsync("rtl-open");

        await SearchBox.FillAsync("vpn");
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" }).ClickAsync();
        var back = Panel.GetByRole(AriaRole.Button, new() { Name = "Back" });
        await Expect(back.Locator("[aria-hidden=true]")).ToHaveCSSAsync("transform", "matrix(-1, 0, 0, 1, 0, 0)");
        await Expect(Panel.Locator("blockquote").First).ToHaveCSSAsync("border-right-width", "4px");
        await AssertAccessibleAsync("rtl-article");
        AssertNoProblems();
    }

    [Theory]
    [InlineData("ltr")]
    [InlineData("rtl")]
    public async Task Position_Start_PutsTheWidgetInTheOtherCorner(string direction)
    {
        await OpenPageAsync("/expenses/new");

        // What HelpLauncher renders for Position="HelpPosition.Start" (its bUnit tests check the rendering).
        await Page.EvaluateAsync("direction => { document.documentElement.dir = direction; document.querySelector('.hw-root').dataset.hwPosition = 'start'; }", direction);
        await Launcher.ClickAsync();

        var launcher = await BoxAsync(Launcher);
        var panel = await BoxAsync(Panel);
        var expectLeft = direction == "ltr";
        Assert.Equal(expectLeft ? Edge : Width - Edge, expectLeft ? launcher.X : Right(launcher), 1);
        Assert.Equal(expectLeft ? Edge : Width - Edge, expectLeft ? panel.X : Right(panel), 1);
        AssertNoProblems();
    }

    /// <summary>The transition and animation durations of the widget's root and of every element in it.</summary>
    private Task<string[]> DurationsAsync() => Page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('.hw-root, .hw-root *')].flatMap(element => {
            const style = getComputedStyle(element);
            return [...style.transitionDuration.split(', '), ...style.animationDuration.split(', ')];
        })
        """);

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not visible.");

    private static double Right(LocatorBoundingBoxResult box) => box.X + box.Width;
}
