using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>Contact as the sample configures it: channels with opening hours, categories, deflection while typing, the preview.</summary>
public sealed class ContactTests(SampleAppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task WhileWritingATicket_AnArticleThatSolvesIt_ClosesTheFormWithoutATicket()
    {
        await OpenPageAsync("/");
        await Launcher.ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Region, new() { Name = "Other ways to reach us" }).GetByRole(AriaRole.Link, new() { Name = "servicedesk@nordhav.example" })).ToBeVisibleAsync();

        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).PressSequentiallyAsync("print queue stuck");

        var suggestions = Panel.GetByRole(AriaRole.Region, new() { Name = "These articles may answer your question" });
        var solved = suggestions.GetByRole(AriaRole.Button, new() { Name = "This solved my problem: Print job stuck or nothing comes out" });
        await Expect(solved).ToBeVisibleAsync();
        await AssertAccessibleAsync("deflection");
        await solved.ClickAsync();

        await Expect(Panel.GetByText("Glad the article helped.")).ToBeVisibleAsync();
        await Expect(SearchBox).ToBeFocusedAsync();
        Assert.Equal(0, await App.CountTicketsAsync(subject: "print queue stuck"));
        AssertNoProblems();
    }

    [Fact]
    public async Task Preview_ListsTheContextThatTravelsWithTheTicket()
    {
        await OpenPageAsync("/leave");
        await Launcher.ClickAsync();
        await SearchBox.FillAsync("vacation days");
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();

        await Panel.GetByText("What will be sent with your message").ClickAsync();

        var preview = Panel.Locator("details.hw-preview");
        await Expect(preview).ToContainTextAsync("Searches you tried");
        await Expect(preview).ToContainTextAsync("vacation days");
        await Expect(preview).ToContainTextAsync("/leave");
        // The browser's own time zone (Playwright's default context: the machine's) travels with the ticket.
        await Expect(preview).ToContainTextAsync("Time zone");
        await AssertAccessibleAsync("preview");
        AssertNoProblems();
    }
}
