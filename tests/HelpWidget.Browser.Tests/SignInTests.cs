using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The sample's demo sign-in, and what Help does for a known user: the articles of their audience, the contact form
/// filled in from their claims, announcements they dismissed kept away wherever they sign in again.
/// </summary>
public sealed class SignInTests(SampleAppFixture app) : BrowserTest(app)
{
    private const string Employee = "Aino Virtanen";
    private const string Manager = "Magnus Haugen";
    private const string SupportManager = "Karin Sjöberg";
    private const string ManagerArticle = "Approve your team's expense claims";
    private const string SupportManagerArticle = "Turn a solved ticket into a help article";
    private const string ApproveQuery = "approve expense claims";
    private const string TicketQuery = "solved ticket help article";

    // An article for everyone that both searches find: it shows that a search has finished.
    private const string EveryoneSees = "Submit an expense claim";

    private ILocator Navigation => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    [Fact]
    public async Task Search_ManagerOnlyArticle_IsFoundAndOpenedOnlyByTheSignedInManager()
    {
        await OpenPageAsync("/");
        var anonymous = await SearchAsync(ApproveQuery);
        await Expect(anonymous.GetByRole(AriaRole.Button, new() { Name = ManagerArticle })).ToHaveCountAsync(0);

        await SignInAsAsync(Manager);
        await AssertAccessibleAsync("signin-manager");
        var manager = await SearchAsync(ApproveQuery);
        await manager.GetByRole(AriaRole.Button, new() { Name = ManagerArticle }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = ManagerArticle, Level = 3 })).ToBeVisibleAsync();
        await AssertAccessibleAsync("signin-manager-article");
        await OpenPageAsync("/help/expense-approve");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = ManagerArticle, Level = 1 })).ToBeVisibleAsync();

        await SignOutAsync();
        await SignInAsAsync(Employee);
        var employee = await SearchAsync(ApproveQuery);
        await Expect(employee.GetByRole(AriaRole.Button, new() { Name = ManagerArticle })).ToHaveCountAsync(0);
        await OpenPageAsync("/help/expense-approve");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "This article is not available", Level = 1 })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task Search_SupportManagerArticle_IsFoundOnlyByTheSupportManager()
    {
        await SignInAsAsync(Manager);
        var manager = await SearchAsync(TicketQuery);
        await Expect(manager.GetByRole(AriaRole.Button, new() { Name = SupportManagerArticle })).ToHaveCountAsync(0);

        await SignOutAsync();
        await SignInAsAsync(SupportManager);
        var supportManager = await SearchAsync(TicketQuery);
        await Expect(supportManager.GetByRole(AriaRole.Button, new() { Name = SupportManagerArticle })).ToBeVisibleAsync();

        // A support manager is a manager too.
        var managerGuides = await SearchAsync(ApproveQuery);
        await Expect(managerGuides.GetByRole(AriaRole.Button, new() { Name = ManagerArticle })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task ContactForm_SignedIn_NameAndEmailArePrefilledFromTheClaims()
    {
        await SignInAsAsync(Employee);
        await Launcher.ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();

        var name = Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" });
        var email = Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" });
        await Expect(name).ToHaveValueAsync(Employee);
        await Expect(email).ToHaveValueAsync("aino.virtanen@nordhav.example");
        await Expect(name).Not.ToBeEditableAsync();
        await Expect(email).Not.ToBeEditableAsync();
        await AssertAccessibleAsync("signin-contact-prefilled");
        AssertNoProblems();
    }

    [Fact]
    public async Task Announcement_DismissedBySignedInUser_StaysDismissedInANewBrowserContext_AndOtherUsersStillSeeIt()
    {
        // Two announcements only signed-in people see (every demo person is an employee), so no other test meets them:
        // one to dismiss, and one that shows the list has loaded when the dismissed one is looked for.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var dismissed = $"Canteen closed on Friday {suffix}";
        var kept = $"New coffee machine on floor 3 {suffix}";
        var files = new[] { await WriteAnnouncementAsync("canteen-" + suffix, dismissed), await WriteAnnouncementAsync("coffee-" + suffix, kept) };
        try
        {
            await SignInAsAsync(Employee);
            await Launcher.ClickAsync();
            var announcement = Announcements(Panel).GetByRole(AriaRole.Article, new() { Name = dismissed });
            await Expect(announcement).ToBeVisibleAsync();
            await announcement.GetByRole(AriaRole.Button, new() { Name = $"Dismiss: {dismissed}" }).ClickAsync();
            await Expect(announcement).ToHaveCountAsync(0);
            await SignOutAsync();

            await using var other = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = "en-GB" });
            var page = await other.NewPageAsync();
            await SignInAsAsync(page, Employee);
            var otherPanel = await OpenPanelAsync(page);
            await Expect(Announcements(otherPanel).GetByRole(AriaRole.Article, new() { Name = kept })).ToBeVisibleAsync();
            await Expect(Announcements(otherPanel).GetByRole(AriaRole.Article, new() { Name = dismissed })).ToHaveCountAsync(0);

            await SignOutAsync(page);
            await SignInAsAsync(page, Manager);
            otherPanel = await OpenPanelAsync(page);
            await Expect(Announcements(otherPanel).GetByRole(AriaRole.Article, new() { Name = dismissed })).ToBeVisibleAsync();
            AssertNoProblems();
        }
        finally
        {
            foreach (var file in files)
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task SignOut_FromAPage_ReturnsToItAnonymous()
    {
        await OpenPageAsync("/leave");
        await Navigation.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Demo sign-in", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Demo sign-in: no password, for trying the widget.");
        await Expect(Navigation).ToContainTextAsync("Demo sign-in: no password, for trying the widget");
        await AssertAccessibleAsync("signin-chooser");

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {SupportManager}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Leave request", Level = 1 })).ToBeVisibleAsync();
        await Expect(Navigation).ToContainTextAsync($"Signed in as {SupportManager}");
        await Expect(Navigation).ToContainTextAsync("Support manager");
        var signedIn = await SearchAsync(TicketQuery);
        await Expect(signedIn.GetByRole(AriaRole.Button, new() { Name = SupportManagerArticle })).ToBeVisibleAsync();
        await AssertAccessibleAsync("signin-support-manager");

        await Navigation.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(App.BaseUrl + "/leave");
        await Expect(Navigation.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(Navigation).Not.ToContainTextAsync("Signed in as");
        var anonymous = await SearchAsync(TicketQuery);
        await Expect(anonymous.GetByRole(AriaRole.Button, new() { Name = SupportManagerArticle })).ToHaveCountAsync(0);
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" })).ToHaveValueAsync(string.Empty);
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" })).ToBeEditableAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task SignIn_ANameThatIsNoDemoPerson_LeavesTheUserAnonymousOnTheChooser()
    {
        // Changed only once the page is interactive: the circuit's first render would set the button's value back.
        await OpenPageAsync("/sign-in");
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {Employee}" }).EvaluateAsync("button => button.value = 'admin'");

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {Employee}" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Demo sign-in", Level = 1 })).ToBeVisibleAsync();
        await Expect(Navigation.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Theory]
    [InlineData("dark", 1280)]
    [InlineData("light", 320)]
    [InlineData("dark", 320)]
    public async Task SignIn_DarkThemeAndNarrowScreen_HaveNoAccessibilityViolations(string scheme, int width)
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await Page.SetViewportSizeAsync(width, 720);
        await Page.GotoAsync("/sign-in");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Demo sign-in", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync($"signin-chooser-{scheme}-{width}");

        await SignInAsAsync(Manager);
        await OpenPageAsync("/profile");

        // The profile page shows the person who signed in instead of the sample's anonymous Alex.
        await Expect(Page.GetByRole(AriaRole.Definition).First).ToHaveTextAsync(Manager);
        await AssertAccessibleAsync($"signin-profile-{scheme}-{width}");
        AssertNoProblems();
    }

    [Fact]
    public async Task SignIn_InSwedish_ChooserAndNavigationSpeakSwedish()
    {
        await Page.GotoAsync("/culture/sv?returnUrl=/sign-in");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Demoinloggning", Level = 1 })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Logga in som {Employee}" }).ClickAsync();

        var navigation = Page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" });
        await Expect(navigation).ToContainTextAsync($"Inloggad som {Employee}");
        await Expect(navigation).ToContainTextAsync("Medarbetare");
        await Expect(navigation).ToContainTextAsync("Demoinloggning: inget lösenord, för att prova hjälpen");
        await Expect(navigation.GetByRole(AriaRole.Button, new() { Name = "Logga ut" })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    private static ILocator Announcements(ILocator panel) => panel.GetByRole(AriaRole.Region, new() { Name = "Announcements" });

    private Task SignInAsAsync(string person) => SignInAsAsync(Page, person);

    private Task SignOutAsync() => SignOutAsync(Page);

    /// <summary>Signs in from the chooser and waits until the start page's Help is interactive for that person.</summary>
    private static async Task SignInAsAsync(IPage page, string person)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {person}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToContainTextAsync($"Signed in as {person}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true })).ToBeEnabledAsync();
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    private static async Task<ILocator> OpenPanelAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Dialog, new() { Name = "Help" });
        await Expect(panel.GetByRole(AriaRole.Searchbox)).ToBeVisibleAsync();
        return panel;
    }

    /// <summary>
    /// Searches in the panel and returns the results once they are in: an article everyone may see is among them, so a
    /// missing article is missing from a finished search, not from one still on its way.
    /// </summary>
    private async Task<ILocator> SearchAsync(string query)
    {
        if (await Launcher.GetAttributeAsync("aria-expanded") != "true")
        {
            await Launcher.ClickAsync();
        }

        await SearchBox.FillAsync(query);
        var results = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Expect(results.GetByRole(AriaRole.Button, new() { Name = EveryoneSees })).ToBeVisibleAsync();
        return results;
    }

    private async Task<string> WriteAnnouncementAsync(string id, string title)
    {
        var file = Path.Combine(App.AnnouncementsPath, "en", id + ".md");
        var text = $"""
            ---
            id: {id}
            title: {title}
            severity: info
            audience: [employee]
            ---
            Only for people who are signed in.
            """;
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
        return file;
    }
}
