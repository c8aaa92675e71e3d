using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>Browsing the sample's knowledge base by area, and a search narrowed to the area being browsed.</summary>
public sealed partial class BrowseTests(SampleAppFixture app) : BrowserTest(app)
{
    private const string Accounts = "Accounts, devices and network";
    private const string Pay = "Expenses, leave and your details";
    private const string WorkingTogether = "E-mail, meetings and getting started";

    private ILocator BrowseButton => Panel.GetByRole(AriaRole.Button, new() { Name = "Browse help by topic" });

    [Fact]
    public async Task Browse_ByKeyboardAlone_FromHelpButtonToAnAreasArticle()
    {
        await OpenPageAsync("/leave");

        await TabUntilFocusedAsync(Launcher);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(SearchBox).ToBeFocusedAsync();
        await TabUntilFocusedAsync(BrowseButton);
        await Page.Keyboard.PressAsync("Enter");

        var topics = Panel.GetByRole(AriaRole.List, new() { Name = "Topics" });
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Topics", Level = 3 })).ToBeVisibleAsync();
        await Expect(topics.GetByRole(AriaRole.Button)).ToHaveTextAsync([Accounts, WorkingTogether, Pay]);
        await Expect(Panel.GetByRole(AriaRole.Status).First).ToHaveTextAsync("3 topics");
        await Expect(topics.GetByRole(AriaRole.Button, new() { Name = Pay })).ToHaveAccessibleDescriptionAsync(ArticleCount());
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Help", Level = 2 })).ToBeFocusedAsync();
        await AssertAccessibleAsync("browse-topics");

        await TabUntilFocusedAsync(topics.GetByRole(AriaRole.Button, new() { Name = Pay }));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = Pay, Level = 3 })).ToBeVisibleAsync();
        var articles = Panel.GetByRole(AriaRole.List, new() { Name = "Articles in " + Pay });
        await Expect(articles.GetByRole(AriaRole.Button, new() { Name = "Request vacation" })).ToBeVisibleAsync();
        // Articles for managers only are not listed to an anonymous user.
        await Expect(articles.GetByRole(AriaRole.Button, new() { Name = "Approve leave requests" })).ToHaveCountAsync(0);
        await Expect(Panel.GetByRole(AriaRole.Status).First).ToHaveTextAsync(ArticleCount());
        await AssertAccessibleAsync("browse-area");

        await TabUntilFocusedAsync(articles.GetByRole(AriaRole.Button, new() { Name = "Request vacation" }));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request vacation", Level = 3 })).ToBeVisibleAsync();

        // Back returns to the area's list, then to the topics.
        await TabUntilFocusedAsync(Panel.GetByRole(AriaRole.Button, new() { Name = "Back" }));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = Pay, Level = 3 })).ToBeVisibleAsync();
        await TabUntilFocusedAsync(Panel.GetByRole(AriaRole.Button, new() { Name = "Back" }));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Topics", Level = 3 })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task SearchInAnArea_FindsOnlyItsArticles_AndSearchAllHelpFindsOthers()
    {
        await OpenPageAsync("/leave");
        await Launcher.ClickAsync();
        await BrowseButton.ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = WorkingTogether }).ClickAsync();
        var list = Panel.GetByRole(AriaRole.List, new() { Name = "Articles in " + WorkingTogether }).GetByRole(AriaRole.Button);
        await Expect(list.First).ToBeVisibleAsync();
        var inArea = (await list.AllInnerTextsAsync()).ToHashSet(StringComparer.Ordinal);

        var areaSearch = Panel.GetByRole(AriaRole.Searchbox, new() { Name = "Search in " + WorkingTogether });
        await Expect(Panel.GetByText("Searching in " + WorkingTogether + ".")).ToBeVisibleAsync();
        await areaSearch.PressSequentiallyAsync("phone");
        var results = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Button);
        await Expect(Panel.GetByRole(AriaRole.Status).First).ToHaveTextAsync(ArticlesFound());
        await Expect(results.First).ToBeVisibleAsync();
        var narrowed = await results.AllInnerTextsAsync();
        Assert.All(narrowed, title => Assert.Contains(title, inArea));
        await AssertAccessibleAsync("browse-area-search");

        await Panel.GetByRole(AriaRole.Button, new() { Name = "Search all help" }).ClickAsync();
        await Expect(SearchBox).ToHaveValueAsync("phone");
        await Expect(SearchBox).ToBeFocusedAsync();
        await Expect(results.First).ToBeVisibleAsync();
        var widened = await results.AllInnerTextsAsync();
        Assert.Contains(widened, title => !inArea.Contains(title));
        AssertNoProblems();
    }

    [Fact]
    public async Task Browse_DarkSystem_HasNoAccessibilityViolations()
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await OpenPageAsync("/leave");
        await Launcher.ClickAsync();
        await BrowseButton.ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Topics", Level = 3 })).ToBeVisibleAsync();
        await AssertAccessibleAsync("browse-topics-dark");

        await Panel.GetByRole(AriaRole.Button, new() { Name = Accounts }).ClickAsync();
        await Panel.GetByRole(AriaRole.Searchbox, new() { Name = "Search in " + Accounts }).PressSequentiallyAsync("vpn");
        await Expect(Panel.GetByRole(AriaRole.List, new() { Name = "Search results" }).Locator("mark").First).ToBeVisibleAsync();
        await AssertAccessibleAsync("browse-area-search-dark");
        AssertNoProblems();
    }

    private async Task TabUntilFocusedAsync(ILocator target)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            await Page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {target}.");
    }

    [GeneratedRegex("[0-9]+ articles?$")]
    private static partial Regex ArticleCount();

    [GeneratedRegex("^[0-9]+ articles? found$")]
    private static partial Regex ArticlesFound();
}
