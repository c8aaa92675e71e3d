using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// Every state of the widget in the light and the dark theme and under Windows high contrast (forced colours, in the
/// light system palette): each one is scanned by axe and pictured for the gallery
/// (docs/screenshots.md; <c>HW_UPDATE_SCREENSHOTS=1</c> refreshes docs/images).
/// </summary>
public sealed class ScreenshotGalleryTests(SampleAppFixture app) : BrowserTest(app)
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    [InlineData("forced")]
    public async Task EveryState_IsAccessible_AndPictured(string scheme)
    {
        await Page.EmulateMediaAsync(new()
        {
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            ForcedColors = scheme == "forced" ? ForcedColors.Active : ForcedColors.None,
        });
        await Page.SetViewportSizeAsync(1024, 768);
        await OpenPageAsync("/expenses/new");
        await PictureAsync("closed", scheme);

        await Launcher.ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" }).GetByRole(AriaRole.Button).First).ToBeVisibleAsync();
        await PictureAsync("suggestions", scheme);

        await SearchBox.FillAsync("vpn");
        var results = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Expect(results.Locator("mark").First).ToBeVisibleAsync();
        await PictureAsync("results", scheme);

        await results.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync();
        await PictureAsync("article", scheme);

        await Panel.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }).ClickAsync();
        var reasons = Panel.GetByRole(AriaRole.Group, new() { Name = "What was wrong? (optional)" });
        await reasons.GetByRole(AriaRole.Radio, new() { Name = "Steps are missing" }).CheckAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ScrollIntoViewIfNeededAsync();
        await PictureAsync("feedback-reasons", scheme);

        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        var name = Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" });
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToBeFocusedAsync();
        await PictureAsync("contact-errors", scheme);

        await name.FillAsync("Alex Lindqvist");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" }).FillAsync("alex@nordhav.example");
        await Panel.GetByRole(AriaRole.Combobox, new() { Name = "Category" }).SelectOptionAsync("hardware");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).FillAsync("VPN drops every hour");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" }).FillAsync("It disconnects every hour, also after following the article.");
        var suggested = Panel.GetByRole(AriaRole.Region, new() { Name = "These articles may answer your question" });
        await Expect(suggested).ToBeVisibleAsync();
        await suggested.ScrollIntoViewIfNeededAsync();
        await PictureAsync("contact-suggestions", scheme);
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        await PictureAsync("receipt", scheme);
        AssertNoProblems();
    }

    private async Task PictureAsync(string state, string scheme)
    {
        await AssertAccessibleAsync($"gallery-{state}-{scheme}");
        await SaveGalleryPictureAsync($"widget-{state}-{scheme}");
    }
}
