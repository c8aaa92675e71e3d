using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HelpWidget.Browser.Tests;

/// <summary>A fresh browser context per test, with the checks every page must pass: no script errors, no alerts, no axe violations.</summary>
public abstract class BrowserTest(SampleAppFixture app) : IAsyncLifetime
{
    private static readonly List<string> s_wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private readonly List<string> _problems = [];
    private IBrowserContext? _context;
    private bool _scanning;

    protected SampleAppFixture App { get; } = app;

    protected IPage Page { get; private set; } = default!;

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
            if (message.Type == "error" && !axeMeetsPolicy)
            {
                _problems.Add($"console error: {message.Text}");
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

    /// <summary>Loads a page and waits until the widget is interactive (its button is enabled).</summary>
    protected async Task OpenPageAsync(string path)
    {
        await Page.GotoAsync(path);
        await Assertions.Expect(Launcher).ToBeEnabledAsync();
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
        await ScreenshotAsync(state);
    }

    protected void AssertNoProblems() => Assert.True(_problems.Count == 0, string.Join('\n', _problems));

    /// <summary>
    /// Saves a picture of the widget for the screenshot gallery (docs/screenshots.md): the right-hand part of the window,
    /// where the launcher and the panel are, with the mouse moved away so that no hover effect shows.
    /// </summary>
    protected async Task SaveGalleryPictureAsync(string name)
    {
        await Page.Mouse.MoveAsync(0, 0);
        var viewport = Page.ViewportSize!;
        var width = Math.Min(520, viewport.Width);
        await Page.ScreenshotAsync(new()
        {
            Path = Path.Combine(Screenshots.GalleryFolder, $"{name}.png"),
            Clip = new() { X = viewport.Width - width, Y = 0, Width = width, Height = viewport.Height },
            Animations = ScreenshotAnimations.Disabled,
        });
    }

    private async Task ScreenshotAsync(string state)
    {
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"{state}.png") });
    }
}
