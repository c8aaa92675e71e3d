using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The widget on the Razor Pages sample's pages (samples/HelpWidget.Samples.RazorPages), placed by the tag helpers
/// through the help server's one tag: the intranet's journeys, by mouse and by keyboard alone, field help, an MVC view
/// and the languages.
/// </summary>
public sealed partial class RazorPagesJourneyTests(RazorPagesFixture app) : RazorPagesBrowserTest(app), IClassFixture<RazorPagesFixture>
{
    private ILocator ResultCount => Panel.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = ArticlesFoundPattern() });

    [Fact]
    public async Task Journey_OnARazorPage_FromSuggestionsToATicketInTheHelpServer()
    {
        await OpenPageAsync("/expenses/new");
        await AssertAccessibleAsync("closed");

        await Launcher.ClickAsync();
        await Expect(Panel).ToBeVisibleAsync(UntilLoaded);
        await Expect(SearchBox).ToBeFocusedAsync();
        var suggestions = Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" });
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Submit an expense claim" })).ToBeVisibleAsync();
        await AssertAccessibleAsync("open");

        await Page.Keyboard.TypeAsync("vpn");
        var results = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" });
        var vpn = results.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" });
        await Expect(vpn).ToBeVisibleAsync();
        await Expect(ResultCount).ToBeVisibleAsync();
        await AssertAccessibleAsync("results");

        await vpn.ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync();
        await AssertAccessibleAsync("article");

        await Panel.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }).ClickAsync();
        await Expect(Panel.GetByText("Sorry it did not help")).ToBeVisibleAsync();
        await Panel.GetByRole(AriaRole.Group, new() { Name = "What was wrong? (optional)" }).GetByRole(AriaRole.Radio, new() { Name = "Steps are missing" }).CheckAsync();

        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        var send = Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" });
        await send.ClickAsync();
        var name = Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" });
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertAccessibleAsync("form-errors");

        await name.FillAsync("Alex Lindqvist");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" }).FillAsync("alex@nordhav.example");
        await Panel.GetByRole(AriaRole.Combobox, new() { Name = "Category" }).SelectOptionAsync("hardware");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).FillAsync("VPN drops on the Razor Pages intranet");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" }).FillAsync("I followed the VPN article; it still disconnects.");
        await send.ClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        var reference = ReferencePattern().Match(await Panel.InnerTextAsync()).Value;
        Assert.NotEmpty(reference);
        await AssertAccessibleAsync("receipt");

        var stored = await App.HelpServer.GetRequiredService<IHelpStore>().GetTicketAsync(reference, TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal("VPN drops on the Razor Pages intranet", stored.Submission.Subject);
        Assert.Equal("hardware", stored.Submission.Category);
        Assert.Equal("/expenses/new", stored.Submission.Route);
        Assert.Contains("vpn-connect", stored.Submission.Context["articlesRead"], StringComparison.Ordinal);
        AssertNoProblems();
    }

    [Fact]
    public async Task Journey_ByKeyboardAlone_FromTheHelpButtonToTheReceipt()
    {
        await OpenPageAsync("/expenses/new");

        // Tab reaches the Help button; Enter opens the panel with the cursor in the search box.
        await TabUntilFocusedAsync(Launcher);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel).ToBeVisibleAsync(UntilLoaded);
        await Expect(SearchBox).ToBeFocusedAsync();
        var suggestions = Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" });
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Submit an expense claim" })).ToBeVisibleAsync();

        await Page.Keyboard.TypeAsync("vpn");
        var article = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" });
        await Expect(article).ToBeVisibleAsync();
        await TabUntilFocusedAsync(article);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync();
        await TabUntilFocusedAsync(Panel.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByText("Sorry it did not help")).ToBeVisibleAsync();

        await TabUntilFocusedAsync(Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }));
        await Page.Keyboard.PressAsync("Enter");
        var name = Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" });
        await TabUntilFocusedAsync(name);
        await Page.Keyboard.TypeAsync("Aino Virtanen");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("aino@nordhav.example");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Panel.GetByRole(AriaRole.Combobox, new() { Name = "Category" })).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Computer");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("Keyboard-only ticket from Razor Pages");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("Sent without a mouse.");
        await TabUntilFocusedAsync(Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        var reference = ReferencePattern().Match(await Panel.InnerTextAsync()).Value;
        var stored = await App.HelpServer.GetRequiredService<IHelpStore>().GetTicketAsync(reference, TestContext.Current.CancellationToken);
        Assert.Equal("Keyboard-only ticket from Razor Pages", stored?.Submission.Subject);

        // Escape closes the panel and gives the focus back to the Help button.
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToBeFocusedAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task FieldHelp_NextToAField_OpensThePanelOnItsArticle()
    {
        await OpenPageAsync("/expenses/new");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Help with Category" }).ClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Claim mileage for your own car", Level = 3 })).ToBeVisibleAsync(UntilLoaded);
        await AssertAccessibleAsync("field-help");
        AssertNoProblems();
    }

    [Fact]
    public async Task AppButton_WithAnArticle_OpensThePanelOnIt()
    {
        await OpenPageAsync("/profile");

        await Page.GetByRole(AriaRole.Button, new() { Name = "How do I change my password?" }).ClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Reset your password", Level = 3 })).ToBeVisibleAsync(UntilLoaded);
        AssertNoProblems();
    }

    [Fact]
    public async Task MvcView_LeaveRequest_SuggestsTheArticlesForLeave_UnderTheAnnouncements()
    {
        await OpenPageAsync("/leave");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Leave request", Level = 1 })).ToBeVisibleAsync();

        await Launcher.ClickAsync();

        var suggestions = Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" });
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Request vacation" })).ToBeVisibleAsync(UntilLoaded);
        await Expect(Panel.GetByText("Help is now built into the intranet")).ToBeVisibleAsync();
        await AssertAccessibleAsync("mvc-leave");
        AssertNoProblems();
    }

    [Fact]
    public async Task Swedish_ChosenInTheLanguagePicker_ThePagesAndTheWidgetSpeakSwedish()
    {
        await OpenPageAsync("/expenses/new");

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Language" }).GetByRole(AriaRole.Link, new() { Name = "Svenska" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Nytt utlägg", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Hjälp med Kategori" })).ToBeVisibleAsync();
        var launcher = LauncherNamed("Hjälp");
        await launcher.ClickAsync();
        var panel = Page.GetByRole(AriaRole.Dialog, new() { Name = "Hjälp" });
        await panel.GetByRole(AriaRole.Searchbox, new() { Name = "Sök bland hjälpartiklar" }).FillAsync("glömt lösenordet");
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Återställ ditt lösenord" })).ToBeVisibleAsync(UntilLoaded);
        await AssertAccessibleAsync("swedish");
        AssertNoProblems();
    }

    [Fact]
    public async Task SignedIn_TheTokenMakesThePersonKnownToThePanel()
    {
        await OpenPageAsync("/sign-in?returnUrl=/leave");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Magnus Haugen" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Leave request", Level = 1 })).ToBeVisibleAsync();
        await Expect(Launcher).ToBeVisibleAsync();

        await Launcher.ClickAsync();

        // A guide for managers only: the help server knows Magnus's role from the sample's token.
        var suggestions = Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" });
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Approve leave requests" })).ToBeVisibleAsync(UntilLoaded);
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" })).ToHaveValueAsync("Magnus Haugen");
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" })).ToHaveValueAsync("magnus.haugen@nordhav.example");
        await AssertAccessibleAsync("signed-in");
        AssertNoProblems();
    }

    [Fact]
    public async Task Anonymous_ThePanelShowsNoManagersGuides()
    {
        await OpenPageAsync("/leave");

        await Launcher.ClickAsync();

        var suggestions = Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" });
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Request vacation" })).ToBeVisibleAsync(UntilLoaded);
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Approve leave requests" })).ToHaveCountAsync(0);
        AssertNoProblems();
    }

    [GeneratedRegex("^[0-9]+ articles? found$")]
    private static partial Regex ArticlesFoundPattern();

    [GeneratedRegex("HW-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();
}
