using System.Text.RegularExpressions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.JSInterop;

namespace HelpWidget.Components.Tests;

/// <summary>
/// The panel's styles are not in the app's bundle: the launcher loads them when the panel first opens, and shows the
/// panel only once they are in (or failed to load: an unstyled panel beats none).
/// </summary>
public sealed partial class PanelStylesTests() : HelpWidgetTestContext(builder => builder.Services.AddFakeLogging())
{
    private static readonly string s_components = Path.Combine(RepositoryRoot(), "src", "HelpWidget.Components");

    private FakeLogCollector Logs => Services.GetFakeLogCollector();

    [Fact]
    public void Render_Closed_LoadsNoPanelStyles()
    {
        Render<HelpLauncher>();

        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "loadPanelStyles");
    }

    [Fact]
    public void Open_WhileThePanelStylesLoad_ShowsThePanelOnlyOnceTheyHave()
    {
        var loading = ShortcutModule.Setup<bool>("loadPanelStyles", _ => true);
        var cut = Render<HelpLauncher>();
        var button = cut.FindButton("Help");
        var panel = cut.Find($"#{button.GetAttribute("aria-controls")}");

        button.Click();

        Assert.True(cut.Find($"#{panel.Id}").HasAttribute("hidden"));
        Assert.Equal("false", cut.FindButton("Help").GetAttribute("aria-expanded"));
        var call = Assert.Single(ShortcutModule.Invocations, i => i.Identifier == "loadPanelStyles");
        Assert.IsType<Microsoft.AspNetCore.Components.ElementReference>(call.Arguments[0]);

        loading.SetResult(true);

        cut.WaitForAssertion(() => Assert.False(cut.Find($"#{panel.Id}").HasAttribute("hidden")));
        Assert.Equal("true", cut.FindButton("Help").GetAttribute("aria-expanded"));
        Assert.NotNull(cut.FindByLabel("Search help articles"));
    }

    [Fact]
    public void Open_PanelStylesFailToLoad_OpensThePanelUnstyledAndLogsAWarning()
    {
        ShortcutModule.Setup<bool>("loadPanelStyles", _ => true).SetResult(false);
        var cut = Render<HelpLauncher>();

        cut.FindButton("Help").Click();

        Assert.Equal("true", cut.FindButton("Help").GetAttribute("aria-expanded"));
        Assert.NotNull(cut.FindByLabel("Search help articles"));
        var record = Assert.Single(Logs.GetSnapshot(), r => r.Category == typeof(HelpLauncher).FullName);
        Assert.Equal((LogLevel.Warning, 11), (record.Level, record.Id.Id));
        Assert.Contains("./_content/HelpWidget.Components/helpwidget-panel.css", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ScriptFails_OpensThePanelUnstyledAndLogsTheError()
    {
        var error = new JSException("module not found");
        ShortcutModule.Setup<bool>("loadPanelStyles", _ => true).SetException(error);
        var cut = Render<HelpLauncher>();

        cut.FindButton("Help").Click();

        Assert.Equal("true", cut.FindButton("Help").GetAttribute("aria-expanded"));
        var record = Assert.Single(Logs.GetSnapshot(), r => r.Category == typeof(HelpLauncher).FullName);
        Assert.Equal((LogLevel.Warning, 11, error), (record.Level, record.Id.Id, record.Exception));
    }

    [Fact]
    public void Open_Again_DoesNotLoadTheStylesAgain()
    {
        var cut = Render<HelpLauncher>();

        cut.FindButton("Help").Click();
        cut.FindButton("Close help").Click();
        cut.FindButton("Help").Click();

        Assert.Equal("true", cut.FindButton("Help").GetAttribute("aria-expanded"));
        Assert.Single(ShortcutModule.Invocations, i => i.Identifier == "loadPanelStyles");
    }

    [Fact]
    public void Open_ShortcutOff_LoadsTheScriptForTheStylesOnly()
    {
        var cut = Render<HelpLauncher>(p => p.Add(l => l.Shortcut, null));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "import");

        cut.FindButton("Help").Click();

        Assert.Equal("true", cut.FindButton("Help").GetAttribute("aria-expanded"));
        Assert.Single(JSInterop.Invocations, i => i.Identifier == "import");
        Assert.DoesNotContain(ShortcutModule.Invocations, i => i.Identifier == "init");
    }

    [Fact]
    public void Open_FromTheSession_LoadsTheStylesBeforeShowingTheArticle()
    {
        var loading = ShortcutModule.Setup<bool>("loadPanelStyles", _ => true);
        Knowledge.OnGetArticle = request => Article(request.ArticleId, "Request vacation");
        var cut = Render<HelpLauncher>();

        cut.InvokeAsync(() => Services.GetRequiredService<HelpSession>().ShowArticleAsync("leave-vacation-request"));

        Assert.Empty(cut.FindAll("article h3"));
        loading.SetResult(true);
        cut.WaitForAssertion(() => Assert.Equal("Request vacation", cut.Find("article h3").TextContent));
    }

    [Fact]
    public void PanelStylesheet_IsServedWhereTheScriptLinksIt()
    {
        Assert.True(File.Exists(Path.Combine(s_components, "wwwroot", HelpLauncher.PanelStylesFile)));
        var script = File.ReadAllText(Path.Combine(s_components, "Launcher", "HelpLauncher.razor.js"));
        Assert.Contains($"new URL('../{HelpLauncher.PanelStylesFile}', import.meta.url)", script, StringComparison.Ordinal);
    }

    /// <summary>Without the scope attributes of scoped CSS, only the widget's own class names keep a rule to the panel.</summary>
    [Fact]
    public void PanelStylesheet_EverySelectorIsUnderThePanelOrTheRoot()
    {
        var css = CommentPattern().Replace(File.ReadAllText(Path.Combine(s_components, "wwwroot", HelpLauncher.PanelStylesFile)), string.Empty);

        var selectors = SelectorPattern().Matches(css)
            .SelectMany(m => SplitList(m.Groups[1].Value))
            .Where(s => s is not ("from" or "to") && !s.StartsWith('@'))
            .ToList();

        Assert.True(selectors.Count > 100, $"Only {selectors.Count} selectors read: the pattern no longer fits the file.");
        Assert.All(selectors, s => Assert.Matches(@"^\.hw-(panel|root)\b", s));
        Assert.DoesNotContain("::deep", css, StringComparison.Ordinal);
    }

    /// <summary>The app's bundle carries what shows on a page before the panel opens, and nothing else.</summary>
    [Fact]
    public void ScopedStyles_AreOnlyThoseOfWhatShowsWithoutThePanel()
    {
        var scoped = Directory.EnumerateFiles(s_components, "*.razor.css", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["HelpFieldHelp.razor.css", "HelpLauncher.razor.css", "HelpOutageBanner.razor.css"], scoped);
    }

    /// <summary>The selectors of a list, split at the commas outside parentheses (<c>:is(.a, .b)</c> is one).</summary>
    private static IEnumerable<string> SplitList(string list)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            depth += list[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (list[i] == ',' && depth == 0)
            {
                yield return list[start..i].Trim();
                start = i + 1;
            }
        }

        yield return list[start..].Trim();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HelpWidget.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No HelpWidget.sln above {AppContext.BaseDirectory}: these tests read the repository's styles.");
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    /// <summary>The selector list before each block, whether at the top level or inside an at-rule.</summary>
    [GeneratedRegex(@"(?:^|[;{}])\s*([^;{}]+?)\s*\{", RegexOptions.Singleline)]
    private static partial Regex SelectorPattern();
}
