using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The panel's styles arrive with the panel: a page carries only what shows before it opens (the launcher, field help,
/// the outage banner); the first open links the panel's stylesheet and shows the panel once it has loaded, under the
/// sample's strict Content-Security-Policy. (The weight of what arrives before is <c>.ci/weight.sh</c>'s.)
/// </summary>
public sealed class PanelStylesTests(SampleAppFixture app) : BrowserTest(app)
{
    private const string PanelStyles = "**/_content/HelpWidget.Components/helpwidget-panel.css";

    /// <summary>The styled panel in the light theme: position, corner radius, background.</summary>
    private static readonly string[] s_styledLook = ["fixed", "12px", "rgb(255, 255, 255)"];

    /// <summary>
    /// Records, on every frame until the panel first shows, the panel's computed look: <c>window.hwFirstPanelFrame</c>
    /// holds it as of the first frame in which the panel is visible.
    /// </summary>
    private const string FirstVisibleFrameRecorder = """
        window.hwFirstPanelFrame = null;
        const watch = () => {
          const panel = document.querySelector('[role="dialog"].hw-panel');
          if (panel?.checkVisibility()) {
            const style = getComputedStyle(panel);
            window.hwFirstPanelFrame = [style.position, style.borderTopLeftRadius, style.backgroundColor];
            return;
          }
          requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
        """;

    /// <summary>Every CSS rule the page has, through the app bundle's <c>@import</c>s, as text.</summary>
    private const string AllRules = """
        () => {
          const rules = sheet => { try { return [...sheet.cssRules]; } catch { return []; } };
          const texts = list => list.flatMap(rule => rule.styleSheet ? texts(rules(rule.styleSheet)) : rule.cssRules ? [rule.cssText, ...texts([...rule.cssRules])] : [rule.cssText]);
          return texts([...document.styleSheets].flatMap(rules));
        }
        """;

    [Fact]
    public async Task BeforeTheFirstOpen_ThePageHasTheLauncherAndFieldHelpStylesButNotThePanels()
    {
        var requests = new List<string>();
        Page.Request += (_, request) => requests.Add(request.Url);
        var module = Page.WaitForResponseAsync(r => r.Url.EndsWith("/Launcher/HelpLauncher.razor.js", StringComparison.Ordinal));

        await OpenPageAsync("/expenses/new");
        await module;

        // What shows before the panel opens is styled on the first paint: the button, and help at a field.
        await Expect(Launcher).ToHaveCSSAsync("position", "fixed");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Help with Receipt" })).ToHaveCSSAsync("border-top-left-radius", "50%");
        var rules = await Page.EvaluateAsync<string[]>(AllRules);
        Assert.Contains(rules, r => r.Contains(".hw-launcher", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Contains(".hw-field-help-button", StringComparison.Ordinal));
        Assert.DoesNotContain(rules, r => r.Contains(".hw-panel", StringComparison.Ordinal) || r.Contains(".hw-article", StringComparison.Ordinal) || r.Contains(".hw-form", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, url => url.Contains("helpwidget-panel.css", StringComparison.Ordinal));
        Assert.Equal(0, await Page.Locator("link[href$='helpwidget-panel.css']").CountAsync());
        AssertNoProblems();
    }

    [Fact]
    public async Task FirstOpen_ShowsThePanelOnlyOnceItsStylesheetHasLoaded()
    {
        var requested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.RouteAsync(PanelStyles, async route =>
        {
            requested.TrySetResult();
            await release.Task;
            await route.ContinueAsync();
        });
        await Page.AddInitScriptAsync(FirstVisibleFrameRecorder);
        await OpenPageAsync("/expenses/new");

        // Field help opens the panel through the server, so the request for the sheet comes after the open was rendered
        // (a panel shown before its sheet would be visible by now); its button is not the launcher, whose hover preloads.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Help with Receipt" }).ClickAsync();
        await requested.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.Null(await Page.EvaluateAsync<string[]?>("() => window.hwFirstPanelFrame"));

        release.SetResult();

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Lost or missing receipt", Level = 3 })).ToBeVisibleAsync();
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "true");
        Assert.Equal(s_styledLook, await Page.EvaluateAsync<string[]>("() => window.hwFirstPanelFrame"));
        AssertNoProblems();
    }

    [Fact]
    public async Task FirstOpen_FromTheLauncher_LinksTheSheetOnceInTheWidget_AndLaterOpensUseIt()
    {
        var sheetRequests = 0;
        Page.Request += (_, request) => sheetRequests += request.Url.EndsWith("/helpwidget-panel.css", StringComparison.Ordinal) ? 1 : 0;
        await Page.AddInitScriptAsync(FirstVisibleFrameRecorder);
        await OpenPageAsync("/leave");

        await Launcher.ClickAsync();

        await Expect(SearchBox).ToBeFocusedAsync();
        Assert.Equal(s_styledLook, await Page.EvaluateAsync<string[]>("() => window.hwFirstPanelFrame"));
        await Expect(Page.Locator(".hw-root > link[rel='stylesheet'][href$='/_content/HelpWidget.Components/helpwidget-panel.css']")).ToHaveCountAsync(1);

        await Page.Keyboard.PressAsync("Escape");
        await Expect(Panel).ToBeHiddenAsync();
        await Launcher.ClickAsync();
        await Expect(SearchBox).ToBeFocusedAsync();

        await Expect(Page.Locator("link[href$='helpwidget-panel.css']")).ToHaveCountAsync(1);
        Assert.Equal(1, sheetRequests);
        await AssertAccessibleAsync("panel-styles-loaded");
        AssertNoProblems();
    }

    [Fact]
    public async Task Hover_OnTheLauncher_StartsLoadingTheSheetWithoutOpeningThePanel()
    {
        await OpenPageAsync("/leave");
        var sheet = Page.WaitForResponseAsync(r => r.Url.EndsWith("/helpwidget-panel.css", StringComparison.Ordinal));

        // The listener is added once the launcher's module has started, a moment after the button is enabled: the
        // pointer enters the button again each frame until the sheet is requested.
        do
        {
            await Page.Mouse.MoveAsync(0, 0);
            await Launcher.HoverAsync();
        }
        while (await Task.WhenAny(sheet, Page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(r))")) != sheet);

        Assert.Equal(200, (await sheet).Status);
        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "false");
        AssertNoProblems();
    }

    [Fact]
    public async Task StrictPolicy_OpeningThePanelAndItsViews_ViolatesNothing()
    {
        await Page.AddInitScriptAsync("""
            window.hwViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.hwViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
            """);
        var response = await Page.GotoAsync("/expenses/new");
        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("style-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        await Expect(Launcher).ToBeEnabledAsync();

        await Launcher.ClickAsync();
        await SearchBox.FillAsync("vpn");
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" }).ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }).ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Contact support", Level = 3 })).ToBeVisibleAsync();

        await Expect(Panel).ToHaveCSSAsync("position", "fixed");
        Assert.Empty(await Page.EvaluateAsync<string[]>("() => window.hwViolations"));
        AssertNoProblems();
    }

    [Fact]
    public async Task SheetFailsToLoad_ThePanelStillOpensAndWorks_Unstyled()
    {
        await Page.RouteAsync(PanelStyles, route => route.AbortAsync());
        await OpenPageAsync("/leave");

        await Launcher.ClickAsync();

        await Expect(Panel).ToBeVisibleAsync();
        await Expect(Panel).ToHaveCSSAsync("position", "static");
        await SearchBox.FillAsync("vpn");
        await Expect(Panel.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" })).ToBeVisibleAsync();
    }

    /// <summary>The widget embedded in another page sits in a shadow root: the sheet goes there, where its rules apply.</summary>
    [Fact]
    public async Task InAShadowRoot_TheSheetIsLinkedIntoIt_AndStylesThePanelThere()
    {
        await OpenPageAsync("/leave");

        var result = await Page.EvaluateAsync<string[]>("""
            async () => {
              const module = await import('/_content/HelpWidget.Components/Launcher/HelpLauncher.razor.js');
              const host = document.body.appendChild(document.createElement('div'));
              const shadow = host.attachShadow({ mode: 'open' });
              const root = shadow.appendChild(document.createElement('div'));
              root.className = 'hw-root';
              const panel = root.appendChild(document.createElement('section'));
              panel.className = 'hw-panel';
              const loaded = await module.loadPanelStyles(panel);
              return [String(loaded), String(shadow.querySelectorAll('link[rel="stylesheet"]').length),
                String(document.head.querySelectorAll('link[href$="helpwidget-panel.css"]').length), getComputedStyle(panel).position];
            }
            """);

        Assert.Equal(["true", "1", "0", "fixed"], result);
        AssertNoProblems();
    }
}
