using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// Must hold (issue 16): the launcher is absent for a user outside the pilot and present for one inside it, and a change
/// of the roll-out's settings file reaches an open page without a restart of the app or a reload of the page.
/// </summary>
public sealed class RolloutTests(RolloutFixture app) : BrowserTest(app), IClassFixture<RolloutFixture>
{
    private const string Pilot = """
        { "LiveAreas": [ "accounts-devices", "working-together" ],
          "Launcher": { "Audience": "Roles", "Roles": [ "pilot" ], "Routes": [ "/expenses", "/leave" ] } }
        """;

    private const string PilotAndManagers = """
        { "LiveAreas": [ "accounts-devices", "working-together" ],
          "Launcher": { "Audience": "Roles", "Roles": [ "pilot", "manager" ], "Routes": [ "/expenses", "/leave" ] } }
        """;

    private static readonly LocatorAssertionsToBeVisibleOptions s_patient = new() { Timeout = 30_000 };

    [Fact]
    public async Task Launcher_OutsideThePilotAbsent_InsideItPresent_AndASettingsChangeReachesTheOpenPage()
    {
        app.WriteRollout(Pilot);

        // Magnus (a manager, not in the pilot) on a page the pilot covers: no Help button, the page otherwise whole.
        await SignInAsync(Page, "Magnus Haugen");
        await Page.GotoAsync("/expenses/new");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator(".hw-root")).ToHaveCountAsync(1);
        await Expect(Launcher).ToHaveCountAsync(0);
        await AssertAccessibleAsync("rollout-outside-pilot");

        // Aino (in the pilot), in a browser of her own: the button, and search finds the live areas only.
        await using var aino = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = "en-GB" });
        var ainoPage = await aino.NewPageAsync();
        await SignInAsync(ainoPage, "Aino Virtanen");
        await ainoPage.GotoAsync("/expenses/new");
        var ainoLauncher = ainoPage.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });
        await Expect(ainoLauncher).ToBeEnabledAsync();
        await ainoLauncher.ClickAsync();
        var ainoPanel = ainoPage.GetByRole(AriaRole.Dialog, new() { Name = "Help" });
        var search = ainoPanel.GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" });
        await Expect(search).ToBeFocusedAsync();
        var results = ainoPanel.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await search.FillAsync("reset password");
        await Expect(results.GetByRole(AriaRole.Button, new() { Name = "Reset your password" })).ToBeVisibleAsync();
        await search.FillAsync("lost or missing receipt");
        await Expect(ainoPanel.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex("articles? found|No articles match") })).ToHaveCountAsync(1);
        await Expect(ainoPanel.GetByRole(AriaRole.Button, new() { Name = "Lost or missing receipt" })).ToHaveCountAsync(0);

        // On a page outside the roll-out's routes even the pilot has no button.
        await ainoPage.GotoAsync("/profile");
        await Expect(ainoPage.Locator(".hw-root")).ToHaveCountAsync(1);
        await Expect(ainoLauncher).ToHaveCountAsync(0);

        // The support manager widens the pilot to the managers: Magnus's open page gets the button, no reload.
        app.WriteRollout(PilotAndManagers);
        await Expect(Launcher).ToBeVisibleAsync(s_patient);
        await Expect(Launcher).ToBeEnabledAsync();
        await Launcher.ClickAsync();
        await Expect(SearchBox).ToBeFocusedAsync();
        await AssertAccessibleAsync("rollout-inside-pilot");

        // And narrows it again: the button goes from the same page.
        app.WriteRollout(Pilot);
        await Expect(Launcher).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        AssertNoProblems();
    }

    /// <summary>Signs in from the sample's chooser and waits for the start page to say who is signed in.</summary>
    private static async Task SignInAsync(IPage page, string person)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {person}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToContainTextAsync($"Signed in as {person}");
    }
}
