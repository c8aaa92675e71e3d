using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>Help where the user is: declared contexts, field help, the app driving the panel, state across pages.</summary>
public sealed class PointOfNeedTests(SampleAppFixture app) : BrowserTest(app)
{
    private ILocator MainMenu => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    [Fact]
    public async Task FieldTip_OpensNextToTheField_AndReadMoreOpensTheArticle()
    {
        await OpenPageAsync("/expenses/new");
        var help = Page.GetByRole(AriaRole.Button, new() { Name = "Help with Category" });

        await help.ClickAsync();

        var tip = Page.GetByRole(AriaRole.Note);
        await Expect(tip).ToContainTextAsync("Mileage is only for trips in your own car.");
        await Expect(help).ToHaveAttributeAsync("aria-expanded", "true");
        await AssertAccessibleAsync("field-tip");

        await tip.GetByRole(AriaRole.Button, new() { Name = "Read more" }).ClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Claim mileage for your own car", Level = 3 })).ToBeVisibleAsync();
        await Expect(tip).ToBeHiddenAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task FieldHelp_ByKeyboard_OpensTheArticle_AndEscapeClosesATip()
    {
        await OpenPageAsync("/expenses/new");
        var categoryHelp = Page.GetByRole(AriaRole.Button, new() { Name = "Help with Category" });
        await categoryHelp.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByRole(AriaRole.Note)).ToBeVisibleAsync();

        await Page.Keyboard.PressAsync("Escape");

        await Expect(Page.GetByRole(AriaRole.Note)).ToBeHiddenAsync();
        await Expect(categoryHelp).ToBeFocusedAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Help with Receipt" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Lost or missing receipt", Level = 3 })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task DeclaredContext_NamesTheTopic_AndRanksItsArticlesFirst()
    {
        await OpenPageAsync("/expenses/new");

        await Launcher.ClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Help with expense claims", Level = 3 })).ToBeVisibleAsync();
        var suggestions = Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" }).GetByRole(AriaRole.Button);
        await Expect(suggestions.First).ToHaveTextAsync(new Regex("expense|receipt|mileage", RegexOptions.IgnoreCase));
        AssertNoProblems();
    }

    [Fact]
    public async Task AppButtons_OpenAnArticle_AndAContactFormFilledIn()
    {
        await OpenPageAsync("/profile");

        await Page.GetByRole(AriaRole.Button, new() { Name = "How do I change my password?" }).ClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Reset your password", Level = 3 })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Report a problem with my account" }).ClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" })).ToHaveValueAsync("Problem with my account");
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" })).ToHaveValueAsync(new Regex("^User name: alex.lindqvist"));
        await AssertAccessibleAsync("contact-from-app");
        AssertNoProblems();
    }

    [Fact]
    public async Task PanelState_SurvivesNavigation_WithItsHistory()
    {
        await OpenPageAsync("/");
        await Launcher.ClickAsync();
        await SearchBox.FillAsync("vpn");
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN" }).ClickAsync();
        var article = Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN", Level = 3 });
        await Expect(article).ToBeVisibleAsync();

        await MainMenu.GetByRole(AriaRole.Link, new() { Name = "Leave request" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Leave request", Level = 1 })).ToBeVisibleAsync();
        await MainMenu.GetByRole(AriaRole.Link, new() { Name = "My profile" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "My profile", Level = 1 })).ToBeVisibleAsync();

        await Expect(article).ToBeVisibleAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await Expect(SearchBox).ToHaveValueAsync("vpn");
        await Expect(Panel.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN" })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task Article_OpensAsAPageOfItsOwn_AndAnUnknownIdSaysSo()
    {
        await OpenPageAsync("/?help=vpn-connect");
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync();

        await Panel.GetByRole(AriaRole.Link, new() { Name = "Open as a page" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Related articles" }).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        await AssertAccessibleAsync("article-page");

        await OpenPageAsync("/help/..%2F..%2Fetc%2Fpasswd");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "This article is not available", Level = 1 })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Theory]
    [InlineData("dark")]
    [InlineData("light")]
    public async Task FieldTipAndOutageBanner_HaveNoAccessibilityViolations_InEitherTheme(string scheme)
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        var now = DateTimeOffset.UtcNow;
        var id = "outage-" + Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllTextAsync(
            Path.Combine(App.AnnouncementsPath, "en", id + ".md"),
            $"---\nid: {id}\ntitle: Expense system is down\nseverity: outage\nends: {now.AddHours(1):yyyy-MM-dd'T'HH:mm:ss'Z'}\ncontexts: [/expenses]\n---\nClaims are kept until it is back.\n",
            TestContext.Current.CancellationToken);

        await OpenPageAsync("/expenses/new");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Service status" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Help with Category" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Note)).ToBeVisibleAsync();

        await AssertAccessibleAsync($"tip-and-banner-{scheme}");
        AssertNoProblems();
    }

    [Theory]
    [InlineData("/culture/xx?returnUrl=/profile")]
    [InlineData("/culture/..%2F..?returnUrl=//evil.example/")]
    [InlineData("/appearance/purple?returnUrl=/profile")]
    public async Task UnknownLanguageOrTheme_KeepsTheCurrentOne_AndReturnsToALocalPage(string link)
    {
        await Page.GotoAsync(link);

        await Expect(Launcher).ToBeEnabledAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.StartsWith(App.BaseUrl.TrimEnd('/'), Page.Url, StringComparison.Ordinal);
        AssertNoProblems();
    }
}
