using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The widget on hosts of every kind: one whose design is light only, one that declares dark too, a page rendered
/// without interactivity, and Windows high contrast (forced colours).
/// </summary>
public sealed partial class ThemeAndContrastTests(SampleAppFixture app) : BrowserTest(app)
{
    private const string LightPanel = "rgb(255, 255, 255)";
    private const string DarkPanel = "rgb(30, 33, 39)";

    /// <summary>The launcher's colour when it can be used (<c>--hw-accent</c>, light).</summary>
    private const string EnabledLauncher = "rgb(31, 95, 191)";

    [Theory]
    [InlineData("nothing", LightPanel)]
    [InlineData("color-scheme: light dark in CSS", DarkPanel)]
    [InlineData("<meta name=\"color-scheme\" content=\"light dark\">", DarkPanel)]
    public async Task DefaultTheme_DarkSystem_FollowsWhatTheHostPageDeclares(string declaration, string panelBackground)
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        if (!declaration.Contains("CSS", StringComparison.Ordinal))
        {
            await ServeLightOnlyStylesAsync(Page);
        }

        await OpenPageAsync("/leave");
        await Expect(Page.Locator(".hw-root")).ToHaveAttributeAsync("data-hw-theme", "page");
        if (declaration.StartsWith("<meta", StringComparison.Ordinal))
        {
            // Added to the loaded page: the widget follows a declaration that changes, too.
            await Page.EvaluateAsync("""
                () => {
                    const meta = document.createElement('meta');
                    meta.name = 'color-scheme';
                    meta.content = 'light dark';
                    document.head.append(meta);
                }
                """);
        }

        await Launcher.ClickAsync();

        await Expect(Panel).ToHaveCSSAsync("background-color", panelBackground);
        await AssertAccessibleAsync($"page-theme-{(panelBackground == DarkPanel ? "dark" : "light")}-host-{(declaration.StartsWith('<') ? "meta" : "css")}");
        AssertNoProblems();
    }

    [Fact]
    public async Task DefaultTheme_LightOnlyHostBeforeScriptsRun_ShowsNoDarkAndADisabledLauncher()
    {
        await using var context = await App.Browser.NewContextAsync(new()
        {
            BaseURL = App.BaseUrl,
            JavaScriptEnabled = false,
            ColorScheme = ColorScheme.Dark,
            ViewportSize = new() { Width = 1280, Height = 860 },
        });
        var page = await context.NewPageAsync();
        await ServeLightOnlyStylesAsync(page);

        await page.GotoAsync("/leave");

        var launcher = page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });
        await Expect(launcher).ToBeDisabledAsync();
        await Expect(launcher).ToHaveCSSAsync("background-color", "rgb(243, 245, 248)");
        await Expect(launcher).ToHaveCSSAsync("cursor", "progress");

        // Prerendering an interactive launcher is no mistake: no note.
        await Expect(page.GetByRole(AriaRole.Note)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Launcher_RenderedStatically_LooksDisabledAndSaysWhyInDevelopment()
    {
        await Page.GotoAsync("/static");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "A static page", Level = 1 })).ToBeVisibleAsync();

        await Expect(Launcher).ToBeDisabledAsync();
        var note = Page.GetByRole(AriaRole.Note);
        await Expect(note).ToBeVisibleAsync();
        await Expect(note).ToContainTextAsync("works only with an interactive render mode");
        await Expect(note).ToContainTextAsync("@rendermode=\"InteractiveServer\"");
        await Expect(Launcher).ToHaveAccessibleDescriptionAsync(new Regex("interactive render mode"));
        await Expect(Launcher).ToHaveCSSAsync("cursor", "not-allowed");
        var staticLook = await LookAsync(Launcher);
        var noteBox = await note.BoundingBoxAsync();
        var launcherBox = await Launcher.BoundingBoxAsync();
        Assert.True(noteBox!.Y + noteBox.Height <= launcherBox!.Y, "The note sits above the button, covering none of it.");
        await AssertAccessibleAsync("launcher-static");

        await OpenPageAsync("/leave");
        await Expect(Launcher).ToHaveCSSAsync("background-color", EnabledLauncher);
        Assert.NotEqual(await LookAsync(Launcher), staticLook);
        await Expect(Page.GetByRole(AriaRole.Note)).ToHaveCountAsync(0);
        AssertNoProblems();
    }

    [Fact]
    public async Task ForcedColors_LauncherPanelAndMatches_StayRecognisable()
    {
        await Page.EmulateMediaAsync(new() { ForcedColors = ForcedColors.Active });
        await OpenPageAsync("/leave");

        var border = await Launcher.EvaluateAsync<string[]>("e => { const s = getComputedStyle(e); return [s.borderTopWidth, s.borderTopStyle]; }");
        Assert.True(Pixels(border[0]) > 0, $"The launcher has no border under forced colours ({border[0]}).");
        Assert.NotEqual("none", border[1]);

        await Page.Keyboard.PressAsync("Tab");
        await Launcher.FocusAsync();
        var outline = await Launcher.EvaluateAsync<string[]>("e => { const s = getComputedStyle(e); return [s.outlineWidth, s.outlineStyle, String(e.matches(':focus-visible'))]; }");
        Assert.Equal("true", outline[2]);
        Assert.True(Pixels(outline[0]) > 0 && outline[1] != "none", $"The focus ring is invisible under forced colours ({outline[0]} {outline[1]}).");
        await AssertAccessibleAsync("forced-colors-closed");

        await Page.Keyboard.PressAsync("Enter");
        await Expect(SearchBox).ToBeFocusedAsync();
        await SearchBox.FillAsync("vpn");
        var mark = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" }).Locator("mark").First;
        await Expect(mark).ToBeVisibleAsync();
        var markBackground = await mark.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var cardBackground = await mark.EvaluateAsync<string>("e => getComputedStyle(e.closest('li').firstElementChild).backgroundColor");
        Assert.NotEqual(cardBackground, markBackground);
        Assert.NotEqual("rgba(0, 0, 0, 0)", markBackground);
        await AssertAccessibleAsync("forced-colors-results");
        AssertNoProblems();
    }

    /// <summary>
    /// Serves the sample's stylesheet without its <c>color-scheme</c> declaration and its dark colours, as the
    /// <c>dotnet new blazor</c> template's is: a host whose design is light only.
    /// </summary>
    private static async Task ServeLightOnlyStylesAsync(IPage page) => await page.RouteAsync(AppStylesheet(), async route =>
    {
        var response = await route.FetchAsync();
        var css = await response.TextAsync();
        var lightOnly = DarkColours().Replace(css.Replace("color-scheme: light dark;", string.Empty, StringComparison.Ordinal), string.Empty);
        Assert.NotEqual(css, lightOnly);
        await route.FulfillAsync(new() { Response = response, Body = lightOnly });
    });

    private static Task<string> LookAsync(ILocator locator) =>
        locator.EvaluateAsync<string>("e => { const s = getComputedStyle(e); return [s.backgroundColor, s.color, s.cursor].join(' / '); }");

    private static double Pixels(string length) => double.Parse(length.Replace("px", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/app(\.[a-z0-9]+)?\.css$")]
    private static partial Regex AppStylesheet();

    [GeneratedRegex(@"@media \(prefers-color-scheme: dark\) \{\s*:root \{[^}]*\}\s*\}")]
    private static partial Regex DarkColours();
}
