using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// What a page (or a link to it) can hand the one tag: script in a link's article id or in a search, oversize values,
/// control characters, calls of the script's API with the wrong types, and contact channels that are not addresses.
/// None of it runs, breaks the page or the widget, or becomes a link it should not be.
/// </summary>
[Collection("embed")]
public sealed class EmbedHostileInputTests(EmbedFixture app) : EmbedPageTests(app)
{
    private const string Script = "<img src=x onerror=alert(1)>";

    private const string Content = "<main><h1>Travel desk</h1><p>Book trips and claim what they cost.</p></main>";

    [Fact]
    public async Task LinksAndScriptCalls_WithHostileValues_OpenHelpWithoutRunningAnything()
    {
        var page = Serve("hostile", HostPage(Content, App.Snippet), EmbedFixture.StrictCsp(App.HelpServerAddress));

        // A link with markup as its article id: the panel opens; the id is never markup.
        await Page.GotoAsync(page + "#help=" + Uri.EscapeDataString(Script));
        await Expect(Panel).ToBeVisibleAsync();
        await Expect(Page.Locator("img[src='x']")).ToHaveCountAsync(0);

        // The script's API called with script, oversize values, control characters and the wrong types.
        await Page.EvaluateAsync("s => HelpWidget.open({ search: s })", "<script>alert(1)</script>");
        await Expect(SearchBox).ToHaveValueAsync("<script>alert(1)</script>");
        await Page.EvaluateAsync(
            """
            async () => {
              await HelpWidget.open({ article: 'a'.repeat(5000) });
              await HelpWidget.open({ article: 'vpn-connect\u0007', search: '\u0000' });
              await HelpWidget.open(42);
              await HelpWidget.open(null);
              await HelpWidget.open({ topic: { toString: () => 'expenses' } });
              HelpWidget.setContext('expenses');
              HelpWidget.setContext(null);
              HelpWidget.setContext({ topic: 'x'.repeat(100000) });
              HelpWidget.setTokenProvider('not a function');
              HelpWidget.setTokenProvider(null);
            }
            """);

        // Still the same widget, answering.
        await Expect(Panel).ToBeVisibleAsync();
        await SearchBox.FillAsync("vpn");
        await Expect(Panel.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" })).ToBeVisibleAsync();
        await Expect(Page.Locator("img[src='x']")).ToHaveCountAsync(0);
        await AssertNoProblemsAsync();
    }

    [Fact]
    public async Task ContactChannels_ThatAreNotAddresses_AreShownAsTextOrLeftOut()
    {
        var tag = Tag(
            App.Proxy.Address,
            ("contact-email", Script),
            ("contact-phone", "+46 8 123\u0007 456"),
            ("contact-url", "javascript:alert(document.domain)"));
        var page = Serve("hostile-contacts", HostPage(Content, tag), EmbedFixture.StrictCsp(App.Proxy.Address));
        await OpenPageAsync(page);
        ExpectFailuresFrom(App.Proxy.Address.GetLeftPart(UriPartial.Authority));
        try
        {
            await App.Proxy.SwitchAsync(ProxyMode.Stopped);
            await Launcher.ClickAsync();

            var note = Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Help is unavailable right now." });
            await Expect(note).ToBeVisibleAsync();
            // The e-mail "address" is text in its link, not markup; the phone with a control character and the
            // javascript: address are left out.
            await Expect(note.GetByRole(AriaRole.Link, new() { Name = Script })).ToHaveAttributeAsync("href", "mailto:" + Script);
            await Expect(note.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
            await Expect(Page.Locator("img[src='x']")).ToHaveCountAsync(0);
            await Expect(Page.Locator("a[href^='javascript:']")).ToHaveCountAsync(0);
        }
        finally
        {
            await App.Proxy.SwitchAsync(ProxyMode.Forward);
        }

        await AssertNoProblemsAsync();
    }

    [Fact]
    public async Task TagAttributes_WithMarkupAndOversizeValues_LeaveAWorkingWidget()
    {
        var tag = Tag(App.HelpServerAddress, ("topic", Script + new string('x', 3000)), ("language", "\"><script>alert(1)</script>"), ("position", "left; display:none"));
        var page = Serve("hostile-attributes", HostPage(Content, tag), EmbedFixture.StrictCsp(App.HelpServerAddress));

        await OpenPageAsync(page);
        await Launcher.ClickAsync();

        // An unknown language is English, an unknown corner the default one.
        await Expect(Panel).ToBeVisibleAsync();
        await Expect(SearchBox).ToBeFocusedAsync();
        var box = await Launcher.BoundingBoxAsync();
        Assert.True(box!.X > 640, $"The Help button is at x={box.X}, not in the default (right-hand) corner.");
        await Expect(Page.Locator("img[src='x']")).ToHaveCountAsync(0);
        await Expect(Page.Locator("script:not([src])")).ToHaveCountAsync(0);
        await AssertNoProblemsAsync();
    }
}
