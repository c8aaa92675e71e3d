using System.Net;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// A fresh browser context per test on pages of another origin than the help server (<see cref="EmbedFixture"/>), with
/// the checks every page must pass: no script errors, no Content-Security-Policy violations (a listener added before any
/// of the page's scripts runs, outside the page's policy), no failed requests, no alerts, no axe violations. Requests a
/// test makes fail on purpose are left out with <see cref="ExpectFailuresFrom"/>.
/// </summary>
public abstract class EmbedPageTests(EmbedFixture app) : IAsyncLifetime
{
    /// <summary>The nonce the test pages give their own inline styles and scripts, which their policy then allows.</summary>
    protected const string Nonce = "aG9zdC1wYWdlLW5vbmNl";

    private static readonly List<string> s_wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    // Kept under a symbol, which Object.getOwnPropertyNames(window) does not list, so it adds no global name.
    private const string ViolationRecorder = """
        (() => {
          const key = Symbol.for('helpwidget.tests.violations');
          window[key] = [];
          document.addEventListener('securitypolicyviolation', event => {
            window[key].push(`${event.violatedDirective} refused ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
          }, true);
        })();
        """;

    private readonly List<string> _problems = [];
    private readonly List<string> _requested = [];
    private IBrowserContext? _context;
    private bool _scanning;
    private string? _expectedFailures;

    protected EmbedFixture App { get; } = app;

    protected IBrowserContext Context => _context!;

    protected IPage Page { get; private set; } = default!;

    /// <summary>Gets the address of every request the page made, in order.</summary>
    protected IReadOnlyList<string> Requested => _requested;

    protected ILocator Launcher => Page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });

    protected ILocator Panel => Page.GetByRole(AriaRole.Dialog, new() { Name = "Help" });

    protected ILocator SearchBox => Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" });

    /// <summary>Gets the help server's origin, as a page's tag and policy name it.</summary>
    protected string HelpServerOrigin => App.HelpServerAddress.GetLeftPart(UriPartial.Authority);

    public virtual async ValueTask InitializeAsync()
    {
        _context = await App.Browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 860 } });
        await _context.AddInitScriptAsync(ViolationRecorder);
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            // axe applies inline styles while it scans, which the page's strict policy rightly refuses.
            var axeMeetsPolicy = _scanning && message.Text.Contains("Content Security Policy", StringComparison.Ordinal);
            var expected = _expectedFailures is { } prefix && (message.Location.StartsWith(prefix, StringComparison.Ordinal) || message.Text.Contains(prefix, StringComparison.Ordinal));
            if (message.Type == "error" && !axeMeetsPolicy && !expected)
            {
                _problems.Add($"console error: {message.Text} ({message.Location})");
            }
        };
        Page.PageError += (_, error) => _problems.Add($"page error: {error}");
        Page.Request += (_, request) => _requested.Add(request.Url);
        Page.Response += (_, response) =>
        {
            var expected = _expectedFailures is { } prefix && response.Url.StartsWith(prefix, StringComparison.Ordinal);
            if (response.Status >= 400 && !expected)
            {
                _problems.Add($"HTTP {response.Status} for {response.Url}");
            }
        };
        Page.Dialog += async (_, dialog) =>
        {
            _problems.Add($"a script opened a dialog: {dialog.Message}");
            await dialog.DismissAsync();
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Serves a page on the allowed origin (and the same path on the one that is not) under <paramref name="policy"/> and
    /// returns its address there. The path is the test class's name and <paramref name="name"/>, so classes do not meet.
    /// </summary>
    protected Uri Serve(string name, string html, string? policy)
    {
        var path = $"/{GetType().Name}/{name}";
        App.ServePage(path, html, policy);
        return new Uri(App.PagesAddress, path);
    }

    /// <summary>A plain HTML page in <paramref name="language"/>, with <paramref name="tag"/> (or no tag) last in its body.</summary>
    protected static string HostPage(string body, string? tag, string head = "", string language = "en") => $"""
        <!DOCTYPE html>
        <html lang="{language}">
        <head>
          <meta charset="utf-8">
          <title>A page of another site</title>
          {head}
        </head>
        <body>
        {body}
        {tag}
        </body>
        </html>
        """;

    /// <summary>The one tag for <paramref name="server"/> with data attributes, as docs/hosts.md describes them.</summary>
    protected static string Tag(Uri server, params (string Name, string Value)[] attributes)
    {
        var data = string.Concat(attributes.Select(a => $" data-{a.Name}=\"{WebUtility.HtmlEncode(a.Value)}\""));
        return $"<script src=\"{server.GetLeftPart(UriPartial.Authority)}/helpwidget/embed.js\" async{data}></script>";
    }

    /// <summary>The strict policy of docs/hosts.md, with the test page's own inline styles and scripts allowed by their nonce.</summary>
    protected static string StrictCspWithNonce(Uri server) =>
        EmbedFixture.StrictCsp(server)
            .Replace("script-src ", $"script-src 'nonce-{Nonce}' ", StringComparison.Ordinal)
            .Replace("style-src ", $"style-src 'nonce-{Nonce}' ", StringComparison.Ordinal);

    /// <summary>Loads a page and waits until the tag's Help button shows (its styles are in).</summary>
    protected async Task OpenPageAsync(Uri address)
    {
        await Page.GotoAsync(address.ToString());
        await Expect(Launcher).ToBeVisibleAsync();
        await Expect(Launcher).ToBeEnabledAsync();
    }

    /// <summary>Leaves out failed requests to addresses starting with <paramref name="prefix"/> (and the browser's console errors about them).</summary>
    protected void ExpectFailuresFrom(string prefix) => _expectedFailures = prefix;

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, in the page or in the widget's shadow root.</summary>
    protected async Task TabUntilFocusedAsync(ILocator target)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            if (await target.CountAsync() == 1 && await target.EvaluateAsync<bool>("element => element.getRootNode().activeElement === element && document.hasFocus()"))
            {
                return;
            }

            await Page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {target}.");
    }

    /// <summary>Gets the Content-Security-Policy violations the page has met so far.</summary>
    protected Task<string[]> ViolationsAsync() =>
        Page.EvaluateAsync<string[]>("() => window[Symbol.for('helpwidget.tests.violations')] || []");

    protected async Task AssertAccessibleAsync(string state)
    {
        // axe's own inline styles are refused by the page's policy: those violations are axe's, not the widget's.
        var before = (await ViolationsAsync()).Length;
        _scanning = true;
        AxeResult result;
        try
        {
            result = await Page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = s_wcagTags } });
        }
        finally
        {
            _scanning = false;
            await Page.EvaluateAsync("count => window[Symbol.for('helpwidget.tests.violations')].length = count", before);
        }

        var violations = result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}");
        Assert.True(result.Violations.Length == 0, $"axe found violations in state '{state}':\n{string.Join('\n', violations)}");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"embed-{state}.png") });
    }

    /// <summary>No script error, failed request, dialog or Content-Security-Policy violation so far.</summary>
    protected async Task AssertNoProblemsAsync()
    {
        var violations = await ViolationsAsync();
        Assert.True(_problems.Count == 0 && violations.Length == 0, string.Join('\n', _problems.Concat(violations.Select(v => $"CSP violation: {v}"))));
    }
}
