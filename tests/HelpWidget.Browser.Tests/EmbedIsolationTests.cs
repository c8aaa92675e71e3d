using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The one tag leaves the host page alone: the page's styles do not reach the widget (a page with aggressive global
/// styles), the widget's styles do not reach the page, it adds one global name until it is opened (and only what
/// docs/hosts.md lists once it is), it takes no focus, gives the focus back to its button when the panel closes, and the
/// page's own scripts and links keep working.
/// </summary>
[Collection("embed")]
public sealed partial class EmbedIsolationTests(EmbedFixture app) : EmbedPageTests(app)
{
    /// <summary>Every computed style property of an element, and its box.</summary>
    private const string StyleOf = """
        element => {
          const style = getComputedStyle(element);
          const values = {};
          for (const name of style) {
            values[name] = style.getPropertyValue(name);
          }
          const box = element.getBoundingClientRect();
          values['(box)'] = [box.x, box.y, box.width, box.height].map(n => n.toFixed(1)).join(' ');
          return values;
        }
        """;

    /// <summary>The computed styles and boxes of the page's own elements, the widget's host element and scripts left out.</summary>
    private const string HostStyles = """
        () => {
          const own = [document.documentElement, document.body, ...document.body.querySelectorAll('*')]
            .filter(e => e.localName !== 'script' && !e.closest('[data-helpwidget]'));
          const result = {};
          own.forEach((element, index) => {
            const style = getComputedStyle(element);
            const values = {};
            for (const name of style) {
              values[name] = style.getPropertyValue(name);
            }
            const box = element.getBoundingClientRect();
            values['(box)'] = [box.x, box.y, box.width, box.height].map(n => n.toFixed(1)).join(' ');
            values['(attributes)'] = [...element.attributes].map(a => a.name + '=' + a.value).join(' ');
            result[index + ' ' + element.localName] = values;
          });
          result['document'] = {
            styleSheets: String(document.styleSheets.length),
            adoptedStyleSheets: String(document.adoptedStyleSheets.length),
          };
          return result;
        }
        """;

    private const string HostContent = """
        <header><h1>Travel desk</h1><nav aria-label="Site"><a href="#trips">Trips</a> <a href="#rules">Rules</a></nav></header>
        <main>
          <p>Book trips and claim what they cost. <a href="#rules">Read the rules</a>.</p>
          <div class="card"><h2>Next trip</h2><p>Oslo, 12 to 14 March.</p><button type="button">Change trip</button></div>
          <label for="destination">Destination</label> <input id="destination" type="text">
          <ul><li>Trains first</li><li>Economy flights</li></ul>
          <table><caption>Daily allowance</caption><tr><th scope="col">Country</th><th scope="col">SEK</th></tr><tr><td>Norway</td><td>720</td></tr></table>
        </main>
        """;

    // The styles a careless page may have: universal !important rules, element rules, and the widget's own token names.
    // The font is set on the body and everything in it, not on <html>: the widget sizes itself in rem, the root
    // element's font size, which no shadow root resets, so a page's own root font size scales the widget (a known
    // limit, in docs/measurements.md, "Any page: one tag").
    private const string AggressiveStyles = $$"""
        <style nonce="{{Nonce}}">
          * { color: red !important; box-sizing: content-box !important; }
          body, body * { font: 30px serif !important; }
          button { background: lime !important; border: 5px dotted; border-radius: 0 !important; }
          div { display: inline !important; padding: 40px; }
          p, ul, li, h2, h3, input, a, span, section, header, form, label { margin: 30px !important; padding: 20px !important; text-transform: uppercase !important; }
          :root { --hw-accent: red; --hw-bg: black; --hw-fg: yellow; --hw-font: serif; --hw-radius: 0; }
        </style>
        """;

    [Fact]
    public async Task AggressiveHostStyles_DoNotChangeTheLauncherOrThePanel()
    {
        var plain = await NewPageAsync();
        var aggressive = await NewPageAsync();
        await OpenAsync(plain, Serve("plain", HostPage(HostContent, App.Snippet), StrictCspWithNonce(App.HelpServerAddress)));
        await OpenAsync(aggressive, Serve("aggressive", HostPage(HostContent, App.Snippet, AggressiveStyles), StrictCspWithNonce(App.HelpServerAddress)));
        Assert.Equal("30px", await aggressive.Locator("p").First.EvaluateAsync<string>("p => getComputedStyle(p).fontSize"));

        // The placeholder button, before the widget has loaded.
        AssertSameLook("the Help button before the first open", await LookAsync(plain, LauncherOf), await LookAsync(aggressive, LauncherOf));

        // The widget itself, open on results.
        foreach (var page in (IPage[])[plain, aggressive])
        {
            await LauncherOf(page).ClickAsync();
            await PanelOf(page).GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" }).FillAsync("vpn");
            await Expect(ResultOf(page)).ToBeVisibleAsync();
            await page.Mouse.MoveAsync(0, 0);
        }

        Func<IPage, ILocator>[] parts =
        [
            LauncherOf, PanelOf, ResultOf,
            page => PanelOf(page).GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" }),
            page => PanelOf(page).GetByRole(AriaRole.Button, new() { Name = "Close help" }),
        ];
        foreach (var part in parts)
        {
            AssertSameLook(part(plain).ToString()!, await LookAsync(plain, part), await LookAsync(aggressive, part));
        }

        await aggressive.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "embed-aggressive-host-styles.png") });
        await AssertNoProblemsAsync();
    }

    [Fact]
    public async Task WidgetStyles_DoNotReachTheHostPage_BeforeOrAfterThePanelOpens()
    {
        var policy = StrictCspWithNonce(App.HelpServerAddress);
        var without = Serve("without-tag", HostPage(HostContent, tag: null), policy);
        var with = Serve("with-tag", HostPage(HostContent, App.Snippet), policy);

        await Page.GotoAsync(without.ToString());
        var expected = await Page.EvaluateAsync<Dictionary<string, Dictionary<string, string>>>(HostStyles);
        await OpenPageAsync(with);
        AssertSameHostStyles("with the tag, before the first open", expected, await Page.EvaluateAsync<Dictionary<string, Dictionary<string, string>>>(HostStyles));

        await Launcher.ClickAsync();
        await Expect(SearchBox).ToBeFocusedAsync();
        await Page.Mouse.MoveAsync(0, 0);
        AssertSameHostStyles("with the panel open", expected, await Page.EvaluateAsync<Dictionary<string, Dictionary<string, string>>>(HostStyles));
        await AssertNoProblemsAsync();
    }

    [Fact]
    public async Task Globals_OneNamespacedObjectUntilTheFirstOpen_ThenOnlyWhatHostsMdLists()
    {
        var policy = EmbedFixture.StrictCsp(App.HelpServerAddress);
        var without = Serve("globals-without-tag", HostPage(HostContent, tag: null), policy);
        var with = Serve("globals-with-tag", HostPage(HostContent, App.Snippet), policy);

        await Page.GotoAsync(without.ToString());
        var before = await GlobalNamesAsync();
        await OpenPageAsync(with);
        Assert.Equal(["HelpWidget"], (await GlobalNamesAsync()).Except(before).Order(StringComparer.Ordinal));

        await Launcher.ClickAsync();
        await Expect(SearchBox).ToBeFocusedAsync();
        var added = (await GlobalNamesAsync()).Except(before).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(DocumentedGlobals().Append("HelpWidget").Distinct().Order(StringComparer.Ordinal), added);
        await AssertNoProblemsAsync();
    }

    [Fact]
    public async Task Focus_StaysWhereThePagePutIt_AndReturnsToTheButtonWhenThePanelCloses()
    {
        var page = Serve("focus", HostPage(HostContent.Replace("type=\"text\"", "type=\"text\" autofocus", StringComparison.Ordinal), App.Snippet), EmbedFixture.StrictCsp(App.HelpServerAddress));
        var destination = Page.GetByRole(AriaRole.Textbox, new() { Name = "Destination" });

        await OpenPageAsync(page);
        await Expect(destination).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Oslo");
        await Expect(destination).ToHaveValueAsync("Oslo");

        // Escape, and the panel's own Close button: either way the focus goes back to the Help button.
        await Launcher.ClickAsync();
        await Expect(SearchBox).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToBeFocusedAsync();

        await Launcher.ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Close help" }).ClickAsync();
        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToBeFocusedAsync();
        await Expect(destination).ToHaveValueAsync("Oslo");
        await AssertNoProblemsAsync();
    }

    [Fact]
    public async Task HostScriptsAndLinks_KeepWorking_BeforeAndAfterTheWidgetLoads()
    {
        var script = $$"""
            <p><button type="button" id="add">Add one</button> <output id="count" aria-label="Count">0</output></p>
            <p><a href="next">Next page</a></p>
            <script nonce="{{Nonce}}">
              document.getElementById('add').addEventListener('click', () => {
                const count = document.getElementById('count');
                count.textContent = String(Number(count.textContent) + 1);
              });
            </script>
            """;
        var page = Serve("scripts", HostPage(HostContent + script, App.Snippet), StrictCspWithNonce(App.HelpServerAddress));
        Serve("next", HostPage("<h1>The next page</h1>", App.Snippet), EmbedFixture.StrictCsp(App.HelpServerAddress));
        var add = Page.GetByRole(AriaRole.Button, new() { Name = "Add one" });
        var count = Page.GetByRole(AriaRole.Status, new() { Name = "Count" });

        await OpenPageAsync(page);
        await add.ClickAsync();
        await Expect(count).ToHaveTextAsync("1");

        await Launcher.ClickAsync();
        await Expect(SearchBox).ToBeFocusedAsync();
        await add.ClickAsync();
        await Expect(count).ToHaveTextAsync("2");
        await Page.Keyboard.PressAsync("Escape");
        await add.ClickAsync();
        await Expect(count).ToHaveTextAsync("3");

        // Blazor is on the page now; the page's own link still loads the next page (no client-side routing of it).
        await Page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "The next page", Level = 1 })).ToBeVisibleAsync();
        await Expect(Launcher).ToBeVisibleAsync();
        await AssertNoProblemsAsync();
    }

    private static ILocator LauncherOf(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });

    private static ILocator PanelOf(IPage page) => page.GetByRole(AriaRole.Dialog, new() { Name = "Help" });

    private static ILocator ResultOf(IPage page) => PanelOf(page).GetByRole(AriaRole.List, new() { Name = "Search results" })
        .GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" });

    private static async Task<Dictionary<string, string>> LookAsync(IPage page, Func<IPage, ILocator> part)
    {
        // A hover or focus transition still running would be read half-way.
        await part(page).EvaluateAsync("element => Promise.all(element.getAnimations().map(animation => animation.finished))");
        return await part(page).EvaluateAsync<Dictionary<string, string>>(StyleOf);
    }

    private static void AssertSameLook(string part, Dictionary<string, string> plain, Dictionary<string, string> aggressive)
    {
        var differences = plain.Keys.Union(aggressive.Keys)
            .Where(name => plain.GetValueOrDefault(name) != aggressive.GetValueOrDefault(name))
            .Select(name => $"  {name}: '{plain.GetValueOrDefault(name)}' on a plain page, '{aggressive.GetValueOrDefault(name)}' under aggressive styles")
            .ToList();
        Assert.True(differences.Count == 0, $"The page's styles reached {part}:\n{string.Join('\n', differences)}");
    }

    private static void AssertSameHostStyles(string state, Dictionary<string, Dictionary<string, string>> expected, Dictionary<string, Dictionary<string, string>> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var differences = expected.SelectMany(element => element.Value
                .Where(property => actual[element.Key].GetValueOrDefault(property.Key) != property.Value)
                .Select(property => $"  {element.Key} {property.Key}: '{property.Value}' without the tag, '{actual[element.Key].GetValueOrDefault(property.Key)}' with it"))
            .ToList();
        Assert.True(differences.Count == 0, $"The widget changed the host page ({state}):\n{string.Join('\n', differences)}");
    }

    private async Task<IPage> NewPageAsync()
    {
        var page = await Context.NewPageAsync();
        page.PageError += (_, error) => Assert.Fail($"page error: {error}");
        return page;
    }

    private static async Task OpenAsync(IPage page, Uri address)
    {
        await page.GotoAsync(address.ToString());
        await Expect(LauncherOf(page)).ToBeVisibleAsync();
    }

    private async Task<string[]> GlobalNamesAsync() => await Page.EvaluateAsync<string[]>("() => Object.getOwnPropertyNames(window)");

    /// <summary>The globals docs/hosts.md says the page has once the panel has opened: the names in backticks on its line about globals.</summary>
    private static string[] DocumentedGlobals()
    {
        var hosts = File.ReadAllText(Path.Combine(EmbedFixture.RepositoryRoot, "docs", "hosts.md"));
        var line = hosts.Split('\n').FirstOrDefault(l => l.Contains("global", StringComparison.OrdinalIgnoreCase) && l.Contains("`Blazor`", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("docs/hosts.md does not say which globals the page has after the first open.");
        return [.. BacktickedName().Matches(line).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex("`([A-Za-z_$][A-Za-z0-9_$]*)`")]
    private static partial Regex BacktickedName();
}
