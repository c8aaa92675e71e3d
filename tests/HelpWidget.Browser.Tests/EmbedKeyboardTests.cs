using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The one tag by keyboard alone on a plain page under the strict policy: Tab to the Help button, search, read, vote and
/// close; the "?" shortcut outside fields (and a question mark typed in them); the page's field-help buttons; links
/// that open the panel on an article; axe on the page with the panel open.
/// </summary>
[Collection("embed")]
public sealed class EmbedKeyboardTests(EmbedFixture app) : EmbedPageTests(app)
{
    private const string Content = """
        <header><h1>Travel desk</h1><nav aria-label="Site"><a href="#trips">Trips</a></nav></header>
        <main>
          <h2 id="trips">Trips</h2>
          <label for="destination">Destination</label> <input id="destination" type="text">
          <label for="notes">Notes</label> <textarea id="notes"></textarea>
          <p>Travelling by car? <button type="button" data-helpwidget-article="expense-mileage" aria-label="Help: mileage">?</button></p>
        </main>
        """;

    [Fact]
    public async Task Journey_ByKeyboardAlone_FromTheHelpButtonToAVote_AndBack()
    {
        await OpenPageAsync(Serve("journey", HostPage(Content, App.Snippet), EmbedFixture.StrictCsp(App.HelpServerAddress)));
        await AssertAccessibleAsync("keyboard-closed");

        await TabUntilFocusedAsync(Launcher);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel).ToBeVisibleAsync();
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(SearchBox).ToBeFocusedAsync();

        await Page.Keyboard.TypeAsync("vpn");
        var result = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" });
        await Expect(result).ToBeVisibleAsync();
        await AssertAccessibleAsync("keyboard-results");
        await TabUntilFocusedAsync(result);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync();

        await TabUntilFocusedAsync(Panel.GetByRole(AriaRole.Button, new() { Name = "Yes", Exact = true }));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByText("Thank you for your feedback.")).ToBeVisibleAsync();
        await AssertAccessibleAsync("keyboard-article");

        // The answered buttons are gone; the focus stays in the panel, on the answer, so Escape still closes it.
        await Expect(Panel.GetByRole(AriaRole.Group, new() { Name = "Was this helpful?" })).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToBeFocusedAsync();
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "false");
        await AssertNoProblemsAsync();
    }

    [Fact]
    public async Task QuestionMark_TypesInTheFieldsOfThePageAndThePanel_AndOpensHelpElsewhere()
    {
        await OpenPageAsync(Serve("shortcut", HostPage(Content, App.Snippet), EmbedFixture.StrictCsp(App.HelpServerAddress)));
        var destination = Page.GetByRole(AriaRole.Textbox, new() { Name = "Destination" });
        var notes = Page.GetByRole(AriaRole.Textbox, new() { Name = "Notes" });

        // In the page's fields "?" is a question mark, and the widget does not load.
        await destination.FocusAsync();
        await Page.Keyboard.TypeAsync("Oslo?");
        await notes.FocusAsync();
        await Page.Keyboard.TypeAsync("Why?");
        await Expect(destination).ToHaveValueAsync("Oslo?");
        await Expect(notes).ToHaveValueAsync("Why?");
        await Expect(Panel).ToHaveCountAsync(0);
        Assert.DoesNotContain(Requested, url => url.Contains("/_framework/", StringComparison.Ordinal));

        // Anywhere else it opens help, with the cursor in the search box, where it types a question mark again.
        await Page.GetByRole(AriaRole.Heading, new() { Name = "Trips", Level = 2 }).ClickAsync();
        await Page.Keyboard.PressAsync("?");
        await Expect(Panel).ToBeVisibleAsync();
        await Expect(SearchBox).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("vpn?");
        await Expect(SearchBox).ToHaveValueAsync("vpn?");
        await Expect(Panel).ToBeVisibleAsync();

        // With the panel loaded, the page's fields still take "?" as text.
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Launcher).ToBeFocusedAsync();
        await notes.FocusAsync();
        await Page.Keyboard.TypeAsync(" Who?");
        await Expect(notes).ToHaveValueAsync("Why? Who?");
        await Expect(Panel).ToBeHiddenAsync();
        await AssertNoProblemsAsync();
    }

    [Fact]
    public async Task FieldHelpButton_ByKeyboard_OpensThePanelOnItsArticle()
    {
        await OpenPageAsync(Serve("field-help", HostPage(Content, App.Snippet), EmbedFixture.StrictCsp(App.HelpServerAddress)));
        var fieldHelp = Page.GetByRole(AriaRole.Button, new() { Name = "Help: mileage" });

        await TabUntilFocusedAsync(fieldHelp);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Claim mileage for your own car", Level = 3 })).ToBeVisibleAsync();
        await AssertAccessibleAsync("keyboard-field-help");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Panel).ToBeHiddenAsync();

        // Loaded now: the same button opens the same article again.
        await fieldHelp.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Claim mileage for your own car", Level = 3 })).ToBeVisibleAsync();
        await AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData("#help=vpn-connect", "Connect to the VPN when working remotely")]
    [InlineData("?help=leave-vacation-request", "Request vacation")]
    public async Task LinkToAnArticle_OpensThePanelOnItAtLoad(string link, string title)
    {
        var page = Serve("deep-link", HostPage(Content, App.Snippet), EmbedFixture.StrictCsp(App.HelpServerAddress));

        await Page.GotoAsync(page + link);

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = title, Level = 3 })).ToBeVisibleAsync();
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "true");
        await AssertNoProblemsAsync();
    }
}
