using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The one tag on a page of another origin, under the strict Content-Security-Policy docs/hosts.md shows: nothing but the
/// tag's script and styles before the first click, then the whole journey in the widget's own components (suggestions
/// for the page, search, article, vote, contact, receipt), with the mouse and with the keyboard alone, and the ticket in
/// the help server's store.
/// </summary>
[Collection("embed")]
public sealed partial class EmbedJourneyTests(EmbedFixture embed) : IAsyncLifetime
{
    private static readonly List<string> s_wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private readonly List<string> _problems = [];
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _console = [];
    private readonly List<string> _requested = [];
    private IBrowserContext? _context;
    private bool _scanning;

    private IPage Page { get; set; } = default!;

    private ILocator Launcher => Page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });

    private ILocator Panel => Page.GetByRole(AriaRole.Dialog, new() { Name = "Help" });

    private ILocator SearchBox => Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" });

    public async ValueTask InitializeAsync()
    {
        _context = await embed.Browser.NewContextAsync(new() { Locale = "en-GB", TimezoneId = "Europe/Stockholm", ViewportSize = new() { Width = 1280, Height = 860 } });
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            // axe applies inline styles while it scans, which the page's strict policy rightly refuses.
            var axeMeetsPolicy = _scanning && message.Text.Contains("Content Security Policy", StringComparison.Ordinal);
            _console.Add(message.Text);
            if (message.Type is "error" or "warning" && !axeMeetsPolicy)
            {
                _problems.Add($"console {message.Type}: {message.Text} ({message.Location})");
            }
        };
        Page.PageError += (_, error) =>
        {
            _problems.Add($"page error: {error}");
            _pageErrors.Add(error);
        };
        Page.Request += (_, request) => _requested.Add(request.Url);
        Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _problems.Add($"HTTP {response.Status} for {response.Url}");
            }
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var problem in _problems)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(problem);
        }

        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    [Fact]
    public async Task Journey_OnAnotherOriginsPageUnderTheStrictPolicy_FromSuggestionsToATicketInTheHelpServer()
    {
        embed.ServePage("/expenses", PageWith(embed.Snippet), EmbedFixture.StrictCsp(embed.HelpServerAddress));
        await Page.GotoAsync(new Uri(embed.PagesAddress, "expenses").ToString());
        await Expect(Launcher).ToBeVisibleAsync();
        await AssertAccessibleAsync("closed");

        // Before the first click: the tag's script, its styles and the roll-out's answer for the page, and nothing of Blazor.
        var server = embed.HelpServerAddress.GetLeftPart(UriPartial.Authority);
        Assert.Equal(
            [$"{server}/helpwidget/embed.css", $"{server}/helpwidget/embed.js", $"{server}/helpwidget/embed/launcher?route=%2Fexpenses"],
            _requested.Where(url => url.StartsWith(server, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(_requested, url => url.Contains("blazor.server.js", StringComparison.Ordinal) || url.Contains("/_blazor", StringComparison.Ordinal));
        Assert.Equal("object", await Page.EvaluateAsync<string>("typeof window.HelpWidget"));
        Assert.Equal("undefined", await Page.EvaluateAsync<string>("typeof window.Blazor"));

        await Launcher.ClickAsync();
        await Expect(Panel).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(SearchBox).ToBeFocusedAsync();
        var suggestions = Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" });
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Submit an expense claim" })).ToBeVisibleAsync();
        Assert.Contains(_requested, url => url.StartsWith($"{server}/_framework/blazor.server.js", StringComparison.Ordinal));
        await AssertAccessibleAsync("open");

        await Page.Keyboard.TypeAsync("vpn");
        var results = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" });
        var vpn = results.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" });
        await Expect(vpn).ToBeVisibleAsync();
        await AssertAccessibleAsync("results");

        await vpn.ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync();
        await AssertAccessibleAsync("article");

        await Panel.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }).ClickAsync();
        await Expect(Panel.GetByText("Sorry it did not help")).ToBeVisibleAsync();

        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        var subject = $"Embedded VPN question {Guid.NewGuid():N}"[..40];
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" }).FillAsync("Alex Lindqvist");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" }).FillAsync("alex@nordhav.example");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).FillAsync(subject);
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" }).FillAsync("I followed the VPN article; it still disconnects.");
        await AssertAccessibleAsync("form");
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        var reference = ReferencePattern().Match(await Panel.InnerTextAsync()).Value;
        Assert.NotEmpty(reference);
        await AssertAccessibleAsync("receipt");

        var stored = await embed.HelpServer.GetRequiredService<IHelpStore>().GetTicketAsync(reference, TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal(subject, stored.Submission.Subject);
        Assert.Equal("/expenses", stored.Submission.Route);
        Assert.Contains("vpn-connect", stored.Submission.Context["articlesRead"], StringComparison.Ordinal);
        Assert.DoesNotContain("userId", stored.Submission.Context.Keys);

        // Reported by the launcher's script module, which the page imported across origins from the help server.
        Assert.Equal("Europe/Stockholm", stored.Submission.Context["timeZone"]);

        await Page.Keyboard.PressAsync("Escape");
        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToBeFocusedAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task Journey_WithTheKeyboardAlone_FromTheButtonToATicket()
    {
        embed.ServePage("/leave", PageWith(embed.Snippet), EmbedFixture.StrictCsp(embed.HelpServerAddress));
        await Page.GotoAsync(new Uri(embed.PagesAddress, "leave").ToString());
        await Expect(Launcher).ToBeVisibleAsync();

        await TabToAsync(Launcher);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(SearchBox).ToBeFocusedAsync(new() { Timeout = 20_000 });
        var suggestions = Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" });
        await Expect(suggestions.GetByRole(AriaRole.Button).First).ToBeVisibleAsync();

        await Page.Keyboard.TypeAsync("vpn");
        var vpn = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" });
        await Expect(vpn).ToBeVisibleAsync();
        await TabToAsync(vpn);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync();

        await TabToAsync(Panel.GetByRole(AriaRole.Button, new() { Name = "Yes", Exact = true }));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel.GetByText("Thank you for your feedback.")).ToBeVisibleAsync();

        await TabToAsync(Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }));
        await Page.Keyboard.PressAsync("Enter");
        var subject = $"Keyboard embed {Guid.NewGuid():N}"[..32];
        await TypeIntoAsync(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" }), "Kim Berg");
        await TypeIntoAsync(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" }), "kim@nordhav.example");
        await TypeIntoAsync(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }), subject);
        await TypeIntoAsync(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" }), "Sent with the keyboard only.");
        await TabToAsync(Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }));
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        Assert.Equal(1, await embed.CountTicketsAsync(subject));
        await AssertAccessibleAsync("keyboard-receipt");

        await Page.Keyboard.PressAsync("Escape");
        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToBeFocusedAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task SignedInUser_TheHostsTokenMakesThemTheUser_AndTheTicketNamesThem()
    {
        var tag = $"""<script src="{embed.HelpServerAddress.GetLeftPart(UriPartial.Authority)}/helpwidget/embed.js" data-token-url="/embed-token" async></script>""";
        var policy = EmbedFixture.StrictCsp(embed.HelpServerAddress).Replace("connect-src ", "connect-src 'self' ", StringComparison.Ordinal);
        embed.ServePage("/signed-in", PageWith(tag), policy);
        embed.ServePage("/embed-token", embed.MintToken("u-embed-7"), null);
        await Page.GotoAsync(new Uri(embed.PagesAddress, "signed-in").ToString());

        await Launcher.ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" })).ToHaveValueAsync("Embed Test User");
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" })).ToHaveValueAsync("embed.user@example.com");
        var subject = $"Signed in embed {Guid.NewGuid():N}"[..34];
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).FillAsync(subject);
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" }).FillAsync("Sent by the page's signed-in user.");
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        var reference = ReferencePattern().Match(await Panel.InnerTextAsync()).Value;
        var stored = await embed.HelpServer.GetRequiredService<IHelpStore>().GetTicketAsync(reference, TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal("u-embed-7", stored.Submission.Context["userId"]);
        Assert.Equal("embed.user@example.com", stored.Submission.Email);
        AssertNoProblems();
    }

    [Fact]
    public async Task ScriptApi_TheTokenProviderAndASearch_FromThePagesOwnCode()
    {
        embed.ServePage("/api", PageWith(embed.Snippet), EmbedFixture.StrictCsp(embed.HelpServerAddress));
        await Page.GotoAsync(new Uri(embed.PagesAddress, "api").ToString());
        await Page.WaitForFunctionAsync("() => typeof window.HelpWidget?.open === 'function'");

        await Page.EvaluateAsync(
            "token => { HelpWidget.setTokenProvider(async () => token); HelpWidget.setContext({ topic: 'leave' }); HelpWidget.open({ search: 'vpn' }); }",
            embed.MintToken("u-api-3"));

        await Expect(Panel.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" })).ToHaveValueAsync("Embed Test User");
        AssertNoProblems();
    }

    [Fact]
    public async Task PageOfAnOriginTheHelpServerDoesNotAllow_SaysHelpIsNotAvailableHere_AndNamesTheSetting()
    {
        embed.ServePage("/elsewhere", PageWith(embed.Snippet), EmbedFixture.StrictCsp(embed.HelpServerAddress));
        await Page.GotoAsync(new Uri(embed.ForeignPagesAddress, "elsewhere").ToString());

        await Launcher.ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Help is not available on this page.");
        Assert.Contains(_console, text => text.Contains("HelpWidget:Api:AllowedOrigins", StringComparison.Ordinal));
        Assert.DoesNotContain(_requested, url => url.Contains("blazor.server.js", StringComparison.Ordinal));
        Assert.Empty(_pageErrors);
        await Expect(Panel).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("en", "sv", "Hjälp", "Sök bland hjälpartiklar")]
    [InlineData("fi-FI", null, "Ohje", "Hae ohjeista")]
    [InlineData("nb", null, "Hjelp", "Søk i hjelpen")]
    public async Task Language_FromTheTagOrThePage_ReachesTheButtonAndThePanel(string pageLanguage, string? tagLanguage, string help, string searchLabel)
    {
        var server = embed.HelpServerAddress.GetLeftPart(UriPartial.Authority);
        var tag = tagLanguage is null ? embed.Snippet : $"""<script src="{server}/helpwidget/embed.js" data-language="{tagLanguage}" async></script>""";
        var path = "/language-" + pageLanguage + tagLanguage;
        embed.ServePage(path, PageWith(tag, pageLanguage), EmbedFixture.StrictCsp(embed.HelpServerAddress));
        await Page.GotoAsync(new Uri(embed.PagesAddress, path.TrimStart('/')).ToString());
        var launcher = Page.GetByRole(AriaRole.Button, new() { Name = help, Exact = true });

        await launcher.ClickAsync();

        var panel = Page.GetByRole(AriaRole.Dialog, new() { Name = help });
        await Expect(panel.GetByRole(AriaRole.Searchbox, new() { Name = searchLabel })).ToBeFocusedAsync(new() { Timeout = 20_000 });
        AssertNoProblems();
    }

    [Fact]
    public async Task DeepLink_OpensThePanelOnTheArticle_AndFieldHelpButtonsOpenTheirs()
    {
        var page = PageWith(embed.Snippet).Replace(
            "</main>",
            """<button type="button" data-helpwidget-article="expense-mileage" aria-label="Help: Mileage">?</button></main>""",
            StringComparison.Ordinal);
        embed.ServePage("/travel", page, EmbedFixture.StrictCsp(embed.HelpServerAddress));

        await Page.GotoAsync(new Uri(embed.PagesAddress, "travel#help=vpn-connect").ToString());

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Help: Mileage" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Claim mileage for your own car", Level = 3 })).ToBeVisibleAsync();
        Assert.Equal("object", await Page.EvaluateAsync<string>("typeof window.Blazor"));
        AssertNoProblems();
    }

    [Fact]
    public async Task HelpServerGoneWhenPressed_PageUnaffected_ButtonOffersTheTagsChannels()
    {
        var proxy = embed.Proxy.Address.GetLeftPart(UriPartial.Authority);
        var tag = $"""<script src="{proxy}/helpwidget/embed.js" data-contact-email="servicedesk@nordhav.example" data-contact-phone="+46 8 123 45 00" async></script>""";
        embed.ServePage("/offline", PageWith(tag), EmbedFixture.StrictCsp(embed.Proxy.Address));
        await Page.GotoAsync(new Uri(embed.PagesAddress, "offline").ToString());
        await Expect(Launcher).ToBeVisibleAsync();
        var before = await Page.Locator("main").BoundingBoxAsync();
        await embed.Proxy.SwitchAsync(ProxyMode.Stopped);
        try
        {
            await Launcher.ClickAsync();

            var note = Page.GetByRole(AriaRole.Status);
            await Expect(note).ToContainTextAsync("Help is unavailable right now.");
            await Expect(note.GetByRole(AriaRole.Link, new() { Name = "servicedesk@nordhav.example" })).ToHaveAttributeAsync("href", "mailto:servicedesk@nordhav.example");
            await Expect(note.GetByRole(AriaRole.Link, new() { Name = "+46 8 123 45 00" })).ToHaveAttributeAsync("href", "tel:+4681234500");
            var after = await Page.Locator("main").BoundingBoxAsync();
            Assert.Equal((before!.X, before.Y, before.Width, before.Height), (after!.X, after.Y, after.Width, after.Height));
            Assert.Empty(_pageErrors);
            await AssertAccessibleAsync("unavailable");
        }
        finally
        {
            await embed.Proxy.SwitchAsync(ProxyMode.Forward);
        }
    }

    /// <summary>A page of another site: a heading, a paragraph, a link, and the given tag.</summary>
    internal static string PageWith(string tag, string language = "en") => $"""
        <!DOCTYPE html>
        <html lang="{language}">
        <head><meta charset="utf-8"><title>Travel desk</title></head>
        <body>
        <main>
        <h1>Travel desk</h1>
        <p>Book trips and claim what they cost. <a href="#top">Top of the page</a></p>
        </main>
        {tag}
        </body>
        </html>
        """;

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, as a keyboard user would.</summary>
    private async Task TabToAsync(ILocator target)
    {
        await Expect(target).ToBeVisibleAsync();
        for (var presses = 0; presses < 60; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element.getRootNode().activeElement === element"))
            {
                return;
            }

            await Page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {target}.");
    }

    private async Task TypeIntoAsync(ILocator field, string text)
    {
        await TabToAsync(field);
        await Page.Keyboard.TypeAsync(text);
    }

    private async Task AssertAccessibleAsync(string state)
    {
        _scanning = true;
        AxeResult result;
        try
        {
            result = await Page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = s_wcagTags } });
        }
        finally
        {
            _scanning = false;
        }

        var violations = result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}");
        Assert.True(result.Violations.Length == 0, $"axe found violations in state '{state}':\n{string.Join('\n', violations)}");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"embed-{state}.png") });
    }

    private void AssertNoProblems() => Assert.True(_problems.Count == 0, string.Join('\n', _problems));

    [GeneratedRegex("HW-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();
}
