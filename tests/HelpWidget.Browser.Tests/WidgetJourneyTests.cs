using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

public sealed partial class WidgetJourneyTests(SampleAppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Journey_ByKeyboardAlone_FromHelpButtonToTicketReceipt()
    {
        await OpenPageAsync("/expenses/new");
        await AssertAccessibleAsync("closed");

        // Tab reaches the Help button; Enter opens the panel with the cursor in the search box.
        await TabUntilFocusedAsync(Launcher);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(SearchBox).ToBeFocusedAsync();
        var suggestions = Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" });
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Submit an expense claim" })).ToBeVisibleAsync();
        await AssertAccessibleAsync("open");

        // Results for each keystroke, counted in a live region.
        await Page.Keyboard.TypeAsync("vpn");
        var results = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Expect(results.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" })).ToBeVisibleAsync();
        await Expect(Panel.GetByRole(AriaRole.Status).First).ToHaveTextAsync(ArticlesFound());
        await Expect(results.Locator("mark").First).ToBeVisibleAsync();
        await AssertAccessibleAsync("results");

        // Open an article and answer "Was this helpful?".
        await TabUntilFocusedAsync(results.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" }));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync();
        await Expect(Panel.GetByRole(AriaRole.Navigation, new() { Name = "Related articles" }).GetByRole(AriaRole.Button, new() { Name = "Troubleshoot VPN connection problems" })).ToBeVisibleAsync();
        await AssertAccessibleAsync("article");
        await TabUntilFocusedAsync(Panel.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByText("Sorry it did not help")).ToBeVisibleAsync();
        await Expect(Panel.GetByRole(AriaRole.Group, new() { Name = "What was wrong? (optional)" }).GetByRole(AriaRole.Radio, new() { Name = "Steps are missing" })).ToBeVisibleAsync();
        await AssertAccessibleAsync("feedback-reasons");

        // Contact support: an empty form explains each field.
        await TabUntilFocusedAsync(Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }));
        await Page.Keyboard.PressAsync("Enter");
        var send = Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" });
        await TabUntilFocusedAsync(send);
        await Page.Keyboard.PressAsync("Enter");
        var name = Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" });
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToHaveAccessibleDescriptionAsync("Enter your name.");
        await Expect(name).ToBeFocusedAsync();
        await AssertAccessibleAsync("form-errors");

        // Fill in and send: the receipt shows a reference that is in the SQLite store.
        await Page.Keyboard.TypeAsync("Alex Lindqvist");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("alex@nordhav.example");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Panel.GetByRole(AriaRole.Combobox, new() { Name = "Category" })).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Computer");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("VPN drops every hour");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("I followed the VPN article; it still disconnects.");
        await TabUntilFocusedAsync(send);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        var reference = ReferencePattern().Match(await Panel.InnerTextAsync()).Value;
        Assert.NotEmpty(reference);
        await AssertAccessibleAsync("receipt");

        var stored = await App.Services.GetRequiredService<IHelpStore>().GetTicketAsync(reference, TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal("VPN drops every hour", stored.Submission.Subject);
        Assert.Equal("hardware", stored.Submission.Category);
        Assert.Equal("/expenses/new", stored.Submission.Route);
        Assert.Contains("vpn-connect", stored.Submission.Context["articlesRead"], StringComparison.Ordinal);

        // Escape closes the panel and gives focus back to the Help button.
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToBeFocusedAsync();
        AssertNoProblems();
    }

    [Theory]
    [InlineData("dark", 1280)]
    [InlineData("light", 320)]
    [InlineData("dark", 320)]
    public async Task Panel_DarkThemeAndNarrowScreen_HaveNoAccessibilityViolations(string scheme, int width)
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await Page.SetViewportSizeAsync(width, 720);
        await OpenPageAsync("/leave");
        await AssertAccessibleAsync($"closed-{scheme}-{width}");

        await Launcher.ClickAsync();
        await SearchBox.FillAsync("semester vacation");
        await Expect(Panel.GetByRole(AriaRole.Status).First).ToHaveTextAsync(ArticlesFound());
        await AssertAccessibleAsync($"results-{scheme}-{width}");

        await Panel.GetByRole(AriaRole.Button, new() { Name = "Request vacation" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request vacation", Level = 3 })).ToBeVisibleAsync();
        await AssertAccessibleAsync($"article-{scheme}-{width}");

        await Panel.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }).ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" })).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertAccessibleAsync($"form-errors-{scheme}-{width}");
        AssertNoProblems();
    }

    [Fact]
    public async Task Search_AnyTextAPersonCanType_AnswersWithResultsOrAHelpfulMessage()
    {
        string[] queries =
        [
            "\"password", "title:vpn AND body:*", "[printer] {jam}", "(((", "*?~^", "<script>alert('x')</script>",
            "<img src=x onerror=alert(1)>", "lösenord 🔑", "' OR 1=1 --", "../../etc/passwd", new string('a', 3000),
            string.Join(' ', Enumerable.Repeat("printer", 400)),
        ];
        await OpenPageAsync("/");
        await Launcher.ClickAsync();

        foreach (var query in queries)
        {
            await SearchBox.FillAsync(query);
            await Expect(Panel.GetByRole(AriaRole.Status).First).ToHaveTextAsync(ArticlesFound());
        }

        await Expect(Page.Locator("img[src=x]")).ToHaveCountAsync(0);
        AssertNoProblems();
    }

    [Fact]
    public async Task Shortcut_QuestionMark_OpensThePanelButTypesInFields()
    {
        await OpenPageAsync("/expenses/new");
        var description = Page.GetByRole(AriaRole.Textbox, new() { Name = "Description" });
        await description.FocusAsync();
        await Page.Keyboard.PressAsync("?");
        await Expect(description).ToHaveValueAsync("?");
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "false");

        await Page.GetByRole(AriaRole.Heading, new() { Name = "New expense claim", Level = 1 }).ClickAsync();
        await Page.Keyboard.PressAsync("?");

        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(SearchBox).ToBeFocusedAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task Link_FromSupport_OpensTheArticleInThePanel()
    {
        await OpenPageAsync("/leave?help=leave-vacation-request");

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request vacation", Level = 3 })).ToBeVisibleAsync();
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "true");
        await AssertAccessibleAsync("deep-link");
        AssertNoProblems();
    }

    [Fact]
    public async Task Sample_SendsAStrictContentSecurityPolicy()
    {
        var response = await Page.GotoAsync("/");

        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(policy);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_FastTypingOnASlowConnection_KeepsEveryKeystroke()
    {
        var devTools = await Page.Context.NewCDPSessionAsync(Page);
        await devTools.SendAsync("Network.enable");
        await devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 200,
            ["downloadThroughput"] = -1,
            ["uploadThroughput"] = -1,
        });
        await OpenPageAsync("/");
        await Launcher.ClickAsync();

        await SearchBox.PressSequentiallyAsync("vpn keeps disconnecting", new() { Delay = 15 });

        await Expect(Panel.GetByRole(AriaRole.Button, new() { Name = "Troubleshoot VPN connection problems" })).ToBeVisibleAsync();
        await Expect(SearchBox).ToHaveValueAsync("vpn keeps disconnecting");
        AssertNoProblems();
    }

    [Fact]
    public async Task Contact_DoubleClickOnSend_CreatesOneTicket()
    {
        await OpenPageAsync("/leave");
        await Launcher.ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" }).FillAsync("Kim Berg");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" }).FillAsync("kim@nordhav.example");
        await Panel.GetByRole(AriaRole.Combobox, new() { Name = "Category" }).SelectOptionAsync("expenses-leave");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).FillAsync("Leave balance looks wrong");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" }).FillAsync("It shows 18 days, I expected 23.");

        await Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).DblClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        Assert.Equal(1, await App.CountTicketsAsync(subject: "Leave balance looks wrong"));
        AssertNoProblems();
    }

    [Fact]
    public async Task Suggestions_FollowTheUserAcrossPages()
    {
        await OpenPageAsync("/expenses/new");
        await Launcher.ClickAsync();
        var suggestions = Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" });
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Submit an expense claim" })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Leave request" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Leave request", Level = 1 })).ToBeVisibleAsync();
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Request vacation" })).ToBeVisibleAsync();
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Submit an expense claim" })).ToHaveCountAsync(0);
        AssertNoProblems();
    }

    [Fact]
    public async Task Swedish_UserGetsTheWidgetAndArticlesInSwedish()
    {
        await Page.GotoAsync("/culture/sv?returnUrl=/profile");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Min profil", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "sv");
        var launcher = Page.GetByRole(AriaRole.Button, new() { Name = "Hjälp", Exact = true });
        await Expect(launcher).ToBeEnabledAsync();
        await launcher.ClickAsync();
        var panel = Page.GetByRole(AriaRole.Dialog, new() { Name = "Hjälp" });

        await panel.GetByRole(AriaRole.Searchbox, new() { Name = "Sök bland hjälpartiklar" }).FillAsync("glömt lösenordet");

        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Återställ ditt lösenord" })).ToBeVisibleAsync();
        await Expect(panel.GetByRole(AriaRole.Status).First).ToHaveTextAsync(new Regex("^[0-9]+ artik(el|lar) hittades$"));
        await AssertAccessibleAsync("swedish");
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

    private static Regex ArticlesFound() => ArticlesFoundPattern();

    [GeneratedRegex("^[0-9]+ articles? found$")]
    private static partial Regex ArticlesFoundPattern();

    [GeneratedRegex("HW-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();
}
