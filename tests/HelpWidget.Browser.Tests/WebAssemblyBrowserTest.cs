using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// A fresh browser context per test against the WebAssembly sample, with the checks every page must pass: no script
/// errors, no failed requests, no alerts, no axe violations. Requests a test makes fail on purpose (a help server that is
/// down) are left out with <see cref="ExpectFailuresFrom"/>.
/// </summary>
public abstract class WebAssemblyBrowserTest(WebAssemblySampleFixture app) : IAsyncLifetime
{
    private static readonly List<string> s_wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private readonly List<string> _problems = [];
    private readonly List<string> _requested = [];
    private IBrowserContext? _context;
    private bool _scanning;
    private readonly List<string> _consoleDuringFaults = [];
    private string? _expectedFailures;
    private bool _faultsOn;

    protected WebAssemblySampleFixture App { get; } = app;

    protected IBrowserContext Context => _context!;

    protected IPage Page { get; private set; } = default!;

    /// <summary>Gets the address of every request the page made, in order.</summary>
    protected IReadOnlyList<string> Requested => _requested;

    protected ILocator Launcher => Page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });

    protected ILocator Panel => Page.GetByRole(AriaRole.Dialog, new() { Name = "Help" });

    protected ILocator SearchBox => Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" });

    public virtual async ValueTask InitializeAsync()
    {
        _context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 860 } });
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            // axe applies inline styles while it scans, which the sample's strict policy rightly refuses.
            var axeMeetsPolicy = _scanning && message.Text.Contains("Content Security Policy", StringComparison.Ordinal);
            var expected = _expectedFailures is { } prefix && message.Location.StartsWith(prefix, StringComparison.Ordinal);
            if (message.Type == "error" && _faultsOn)
            {
                _consoleDuringFaults.Add(message.Text);
            }
            else if (message.Type == "error" && !axeMeetsPolicy && !expected)
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
    /// Gets the wait for the page to become interactive: the runtime and the app's assemblies (an unoptimised Debug build
    /// of several megabytes) download and start, which takes seconds while other browser tests share the cores.
    /// </summary>
    protected static LocatorAssertionsToBeEnabledOptions UntilInteractive { get; } = new() { Timeout = 60_000 };

    /// <summary>Loads a page and waits until the widget is interactive (its button is enabled).</summary>
    protected async Task OpenPageAsync(string path)
    {
        await Page.GotoAsync(path);
        await Assertions.Expect(Launcher).ToBeEnabledAsync(UntilInteractive);
    }

    /// <summary>Leaves out failed requests to addresses starting with <paramref name="prefix"/> (and the browser's console errors about them).</summary>
    protected void ExpectFailuresFrom(string prefix) => _expectedFailures = prefix;

    /// <summary>
    /// While faults are on, console errors (failed fetches, CORS refusals of error answers, the widget's own error logs)
    /// are kept apart; <see cref="AssertNoCrashDuringFaults"/> checks that none of them is a crash.
    /// </summary>
    protected void FaultsOn(bool on) => _faultsOn = on;

    /// <summary>No unhandled exception reached Blazor's renderer (which would stop the app) while faults were on.</summary>
    protected void AssertNoCrashDuringFaults() => Assert.DoesNotContain(
        _consoleDuringFaults, text => text.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) || text.StartsWith("crit:", StringComparison.Ordinal));

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
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"wasm-{state}.png") });
    }

    protected void AssertNoProblems() => Assert.True(_problems.Count == 0, string.Join('\n', _problems));
}
