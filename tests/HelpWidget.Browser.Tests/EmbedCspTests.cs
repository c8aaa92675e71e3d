using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The one tag under the strict Content-Security-Policy of docs/hosts.md (only the help server's origin for scripts,
/// styles, connections and images; no inline code, no eval): the whole journey meets no violation; and a page of an
/// origin the help server does not allow gets a clear answer and none of its data.
/// </summary>
[Collection("embed")]
public sealed partial class EmbedCspTests(EmbedFixture app) : EmbedPageTests(app)
{
    private const string Content = """
        <main>
          <h1>Expenses</h1>
          <p>Claim what a business trip cost. <button type="button" data-helpwidget-article="expense-mileage" aria-label="Help: mileage">?</button></p>
        </main>
        """;

    [Fact]
    public async Task StrictPolicy_FromSearchToATicket_NoViolation()
    {
        const string subject = "Hotel receipt lost on the Oslo trip";
        var page = Serve("journey", HostPage(Content, App.Snippet), EmbedFixture.StrictCsp(App.HelpServerAddress));
        var response = await Page.GotoAsync(page.ToString());
        Assert.Equal(EmbedFixture.StrictCsp(App.HelpServerAddress), await response!.HeaderValueAsync("content-security-policy"));
        await Expect(Launcher).ToBeVisibleAsync();

        await Launcher.ClickAsync();
        await Expect(SearchBox).ToBeFocusedAsync();
        await SearchBox.FillAsync("missing receipt");
        await Panel.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Button, new() { Name = "Lost or missing receipt" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Lost or missing receipt", Level = 3 })).ToBeVisibleAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }).ClickAsync();
        await Expect(Panel.GetByText("Sorry it did not help")).ToBeVisibleAsync();

        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" }).FillAsync("Robin Ek");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" }).FillAsync("robin@nordhav.example");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).FillAsync(subject);
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" }).FillAsync("The hotel will not send a copy.");
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        Assert.Matches(ReferencePattern(), await Panel.InnerTextAsync());
        Assert.Equal(1, await App.CountTicketsAsync(subject));

        // The page's field help and the panel's own close button, with the panel already loaded.
        await Page.Keyboard.PressAsync("Escape");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Help: mileage" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Claim mileage for your own car", Level = 3 })).ToBeVisibleAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Close help" }).ClickAsync();
        await Expect(Panel).ToBeHiddenAsync();

        Assert.Empty(await ViolationsAsync());

        // No cookie of any origin, nothing in the page's storage.
        Assert.Empty(await Context.CookiesAsync());
        Assert.Equal(0, await Page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        Assert.Empty(await Page.EvaluateAsync<string[]>("async () => (await indexedDB.databases()).map(d => d.name)"));
        await AssertNoProblemsAsync();
    }

    [Fact]
    public async Task PolicyWithoutTheWebSocketOrigin_ThePanelWorksOverAnotherTransport_AndTheConsoleSaysWhatToAdd()
    {
        // Issue 12's policy to the letter: connect-src names the help server's http origin, which Chromium does not let
        // cover ws://. The widget's one WebSocket attempt is refused; the circuit then runs over server-sent events.
        const string subject = "Taxi receipt in Swedish kronor";
        var origin = HelpServerOrigin;
        var socket = "ws://" + App.HelpServerAddress.Authority;
        var policy = $"default-src 'none'; script-src {origin}; style-src {origin}; connect-src {origin}; img-src {origin}";
        var page = Serve("no-websocket-origin", HostPage(Content, App.Snippet), policy);
        var console = new List<string>();
        var sockets = 0;
        Page.Console += (_, message) => console.Add(message.Text);
        Page.WebSocket += (_, _) => Interlocked.Increment(ref sockets);
        ExpectFailuresFrom(socket);

        await OpenPageAsync(page);
        await Launcher.ClickAsync();
        await Expect(SearchBox).ToBeFocusedAsync();
        await SearchBox.FillAsync("missing receipt");
        await Panel.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Button, new() { Name = "Lost or missing receipt" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Lost or missing receipt", Level = 3 })).ToBeVisibleAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" }).FillAsync("Robin Ek");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" }).FillAsync("robin@nordhav.example");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).FillAsync(subject);
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" }).FillAsync("The driver wrote the amount by hand.");
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        Assert.Equal(1, await App.CountTicketsAsync(subject));

        // The one refusal is the widget's WebSocket attempt; the console says which origin would allow it.
        Assert.All(await ViolationsAsync(), violation => Assert.Contains("refused " + socket + "/_blazor", violation, StringComparison.Ordinal));
        Assert.Contains(console, text => text.Contains(socket, StringComparison.Ordinal) && text.Contains("connect-src", StringComparison.Ordinal) && text.StartsWith("HelpWidget", StringComparison.Ordinal));
        Assert.Equal(0, sockets);
    }

    [Fact]
    public async Task PageOfAnOriginTheServerDoesNotAllow_SaysHelpIsNotAvailableHere_AndGetsNoData()
    {
        var allowed = Serve("origins", HostPage(Content, App.Snippet), EmbedFixture.StrictCsp(App.HelpServerAddress));
        var foreign = new Uri(App.ForeignPagesAddress, allowed.AbsolutePath);
        var frames = 0;
        Page.WebSocket += (_, socket) => socket.FrameReceived += (_, _) => Interlocked.Increment(ref frames);
        // The browser reports the help server's refusal (no CORS headers for this origin) on the console.
        ExpectFailuresFrom(HelpServerOrigin);

        await OpenPageAsync(foreign);
        await Launcher.ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Help is not available on this page." })).ToBeVisibleAsync();
        await Expect(Panel).ToHaveCountAsync(0);
        await Expect(SearchBox).ToHaveCountAsync(0);
        Assert.DoesNotContain(Requested, url => url.Contains("/_blazor", StringComparison.Ordinal) || url.Contains("/helpwidget/api/", StringComparison.Ordinal));
        Assert.Equal(0, frames);
        await AssertAccessibleAsync("foreign-origin");

        // Nor can the page's own script reach the data: the API answers no other origin, the circuit's hub takes no
        // WebSocket from it, while the same attempts from the allowed origin succeed.
        var fromForeign = await ProbeHelpServerAsync();
        Assert.Equal(new HelpServerAccess(ApiReadable: false, HubOpened: false), fromForeign);
        await Page.GotoAsync(allowed.ToString());
        Assert.Equal(new HelpServerAccess(ApiReadable: true, HubOpened: true), await ProbeHelpServerAsync());
    }

    /// <summary>What a script of the current page can get from the help server: an API answer it may read, a WebSocket to the circuit's hub.</summary>
    private async Task<HelpServerAccess> ProbeHelpServerAsync()
    {
        var server = HelpServerOrigin;
        var result = await Page.EvaluateAsync<bool[]>(
            """
            async server => {
              let api = false;
              try {
                const answer = await fetch(server + '/helpwidget/api/search?lang=en&q=vpn', { credentials: 'omit' });
                api = answer.ok && (await answer.text()).length > 0;
              } catch {
                api = false;
              }
              const hub = await new Promise(resolve => {
                const socket = new WebSocket(server.replace(/^http/, 'ws') + '/_blazor');
                socket.onopen = () => { socket.close(); resolve(true); };
                socket.onerror = () => resolve(false);
                socket.onclose = () => resolve(false);
              });
              return [api, hub];
            }
            """,
            server);
        return new HelpServerAccess(result[0], result[1]);
    }

    private sealed record HelpServerAccess(bool ApiReadable, bool HubOpened);

    [GeneratedRegex("HW-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();
}
