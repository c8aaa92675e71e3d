using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>What a new user meets in the panel: it opens on the page's help after a finished request, and an article leads on to contact.</summary>
public sealed partial class FirstRunPanelTests(SampleAppFixture app) : BrowserTest(app)
{
    private ILocator MainMenu => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    private ILocator Suggestions => Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" });

    [Fact]
    public async Task Reopen_OnAnotherPageAfterTheReceiptWasClosed_ShowsThatPagesHelp()
    {
        await OpenPageAsync("/expenses/new");
        await Launcher.ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" }).FillAsync("Alex Lindqvist");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" }).FillAsync("alex@nordhav.example");
        await Panel.GetByRole(AriaRole.Combobox, new() { Name = "Category" }).SelectOptionAsync(new SelectOptionValue { Label = "Expenses or leave" });
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).FillAsync("Receipt photo will not upload");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" }).FillAsync("The claim form rejects my receipt photo.");
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        var receipt = Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" });
        await Expect(receipt).ToBeVisibleAsync();

        // Escape belongs to the panel: it is pressed once focus has moved there, as a person sees it move.
        await Expect(receipt).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Panel).ToBeHiddenAsync();
        await MainMenu.GetByRole(AriaRole.Link, new() { Name = "Leave request" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(LeavePage());
        await Launcher.ClickAsync();

        await Expect(Suggestions.GetByRole(AriaRole.Button, new() { Name = "Request vacation" })).ToBeVisibleAsync();
        await Expect(receipt).ToHaveCountAsync(0);
        await Expect(SearchBox).ToBeFocusedAsync();
        await Expect(SearchBox).ToHaveValueAsync(string.Empty);
        await Expect(Panel.GetByRole(AriaRole.Button, new() { Name = "Back" })).ToHaveCountAsync(0);
        await AssertAccessibleAsync("reopened-after-receipt");
        Assert.Equal(1, await App.CountTicketsAsync(subject: "Receipt photo will not upload"));
        AssertNoProblems();
    }

    [Fact]
    public async Task Reopen_AfterClosingAnArticleBeingRead_ShowsTheSameArticle()
    {
        await OpenPageAsync("/");
        await Launcher.ClickAsync();
        await SearchBox.FillAsync("vpn");
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" }).ClickAsync();
        var title = Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 });
        await Expect(title).ToBeVisibleAsync();

        // Escape belongs to the panel: it is pressed once focus has moved to the panel's title with the article.
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Help", Level = 2 })).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Panel).ToBeHiddenAsync();
        await MainMenu.GetByRole(AriaRole.Link, new() { Name = "Leave request" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(LeavePage());
        await Launcher.ClickAsync();

        await Expect(title).ToBeVisibleAsync();
        await Expect(Panel.GetByRole(AriaRole.Button, new() { Name = "Back" })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task Article_End_StillNeedHelpLeadsToTheContactForm()
    {
        await OpenPageAsync("/");
        await Launcher.ClickAsync();
        await Expect(SearchBox).ToHaveAccessibleDescriptionAsync("For example: reset password, VPN, expense receipt");
        await SearchBox.FillAsync("vpn");
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync();

        await Expect(Panel.GetByText("Still need help?")).ToBeVisibleAsync();
        var contact = Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" });
        await contact.ScrollIntoViewIfNeededAsync();
        await AssertAccessibleAsync("article-still-need-help");
        await contact.ClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task Article_OnAPageThatOffersContactAfterSelfService_OffersItOnceAnArticleIsRead()
    {
        await OpenPageAsync("/profile");
        await Launcher.ClickAsync();
        var suggestion = Suggestions.GetByRole(AriaRole.Button, new() { Name = "Reset your password" });
        await Expect(suggestion).ToBeVisibleAsync();
        var contact = Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" });
        await Expect(contact).ToHaveCountAsync(0);

        await suggestion.ClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Reset your password", Level = 3 })).ToBeVisibleAsync();
        await Expect(Panel.GetByText("Still need help?")).ToBeVisibleAsync();
        await contact.ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" })).ToBeVisibleAsync();
        await AssertAccessibleAsync("contact-after-reading");
        AssertNoProblems();
    }

    [GeneratedRegex("/leave$")]
    private static partial Regex LeavePage();
}
