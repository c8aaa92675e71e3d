using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The WebAssembly sample while its help server goes away and comes back (a <see cref="FaultProxy"/> between them): the
/// panel stays usable and says help is offline, a ticket being written survives, and the widget recovers by itself.
/// </summary>
public sealed partial class WebAssemblyOfflineTests(WebAssemblyFaultFixture app) : WebAssemblyBrowserTest(app), IClassFixture<WebAssemblyFaultFixture>
{
    private FaultProxy Proxy => ((WebAssemblyFaultFixture)App).Proxy;

    // Failures take a timeout and a retry to be noticed (1 s each in this fixture), recovery a probe (every second at most).
    private static LocatorAssertionsToBeVisibleOptions Soon => new() { Timeout = 30_000 };

    private ILocator OfflineNotice => Panel.GetByRole(AriaRole.Status).Filter(new() { HasText = "Help is offline." });

    [Theory]
    [InlineData(ProxyMode.Stopped)]
    [InlineData(ProxyMode.Stalled)]
    [InlineData(ProxyMode.Failing)]
    public async Task HelpServerFails_PanelSaysOffline_KeepsTheDraft_AndRecoversByItself(ProxyMode fault)
    {
        var subject = $"Leave balance wrong while help was {fault.ToString().ToLowerInvariant()}";
        ExpectFailuresFrom(Proxy.Address.GetLeftPart(UriPartial.Authority));
        await OpenPageAsync("/leave");
        await Launcher.ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" }).GetByRole(AriaRole.Button, new() { Name = "Request vacation" })).ToBeVisibleAsync();
        await Expect(OfflineNotice).ToHaveCountAsync(0);

        try
        {
            FaultsOn(true);
            await Proxy.SwitchAsync(fault);

            // A search while the server fails: the panel says help is offline and offers the other ways to reach support.
            await SearchBox.FillAsync("vpn");
            await Expect(OfflineNotice).ToBeVisibleAsync(Soon);
            await Expect(Panel.GetByRole(AriaRole.Status).Filter(new() { HasText = "Search cannot reach help while it is offline." })).ToBeVisibleAsync();
            await Expect(Panel.GetByRole(AriaRole.Link, new() { Name = "servicedesk@nordhav.example" })).ToBeVisibleAsync();
            await AssertAccessibleAsync($"offline-{fault}");

            // A ticket written and sent while offline is kept, text and all.
            await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
            await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" }).FillAsync("Kim Berg");
            await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" }).FillAsync("kim@nordhav.example");
            await Panel.GetByRole(AriaRole.Combobox, new() { Name = "Category" }).SelectOptionAsync("expenses-leave");
            await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).FillAsync(subject);
            await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" }).FillAsync("It shows 18 days, I expected 23.");
            await Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
            await Expect(Panel.GetByRole(AriaRole.Alert)).ToContainTextAsync("Help is offline, so your request could not be sent.", new() { Timeout = 30_000 });
            await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" })).ToHaveValueAsync(subject);
            await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" })).ToHaveValueAsync("It shows 18 days, I expected 23.");
            await AssertAccessibleAsync($"offline-draft-{fault}");
            Assert.Equal(0, await App.CountTicketsAsync(subject));
        }
        finally
        {
            await Proxy.SwitchAsync(ProxyMode.Forward);
        }

        // The server is back: nobody clicks anything, the widget notices and says so; the draft is sent once.
        await Expect(OfflineNotice).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(Panel.GetByRole(AriaRole.Alert)).ToContainTextAsync("The connection is back.", new() { Timeout = 30_000 });
        FaultsOn(false);
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" })).ToHaveValueAsync(subject);
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        Assert.Matches(ReferencePattern(), await Panel.InnerTextAsync());
        Assert.Equal(1, await App.CountTicketsAsync(subject));
        AssertNoCrashDuringFaults();
        AssertNoProblems();
    }

    [GeneratedRegex("HW-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();
}
