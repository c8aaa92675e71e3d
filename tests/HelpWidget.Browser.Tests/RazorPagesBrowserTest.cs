using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// A fresh browser context per test against the Razor Pages sample, with the checks every page must pass: no script
/// errors, no failed requests, no alerts, no axe violations.
/// </summary>
public abstract class RazorPagesBrowserTest(RazorPagesFixture app) : IAsyncLifetime
{
    private static readonly List<string> s_wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private readonly List<string> _problems = [];
    private IBrowserContext? _context;
    private bool _scanning;

    protected RazorPagesFixture App { get; } = app;

    protected IPage Page { get; private set; } = default!;

    /// <summary>Gets the Help button (the embed's, in its shadow root; Playwright's role queries look inside it).</summary>
    protected ILocator Launcher => LauncherNamed("Help");

    protected ILocator Panel => Page.GetByRole(AriaRole.Dialog, new() { Name = "Help" });

    protected ILocator SearchBox => Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" });

    /// <summary>Gets the wait for the panel's first opening: the circuit starts on the help server, cold, while other browser tests share the cores.</summary>
    protected static LocatorAssertionsToBeVisibleOptions UntilLoaded { get; } = new() { Timeout = 30_000 };

    public virtual async ValueTask InitializeAsync()
    {
        _context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 860 } });
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            // axe applies inline styles while it scans, which the sample's strict policy rightly refuses.
            var axeMeetsPolicy = _scanning && message.Text.Contains("Content Security Policy", StringComparison.Ordinal);
            if (message.Type == "error" && !axeMeetsPolicy)
            {
                _problems.Add($"console error: {message.Text} ({message.Location})");
            }
        };
        Page.PageError += (_, error) => _problems.Add($"page error: {error}");
        Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
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

    protected ILocator LauncherNamed(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Loads a page and waits until the embed has placed the Help button.</summary>
    protected async Task OpenPageAsync(string path)
    {
        await Page.GotoAsync(path);
        await Assertions.Expect(Launcher).ToBeVisibleAsync();
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (inside a shadow root too).</summary>
    protected async Task TabUntilFocusedAsync(ILocator target)
    {
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

    protected async Task AssertAccessibleAsync(string state)
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
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"razor-{state}.png") });
    }

    protected void AssertNoProblems() => Assert.True(_problems.Count == 0, string.Join('\n', _problems));
}
