using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The widget in a WebAssembly app (samples/HelpWidget.Samples.WebAssembly), calling the help server from the browser:
/// the journeys of the intranet sample, an InteractiveAuto page on a first and on a cached visit, and what the browser downloads.
/// </summary>
public sealed partial class WebAssemblyJourneyTests(WebAssemblySampleFixture app) : WebAssemblyBrowserTest(app), IClassFixture<WebAssemblySampleFixture>
{
    private const string CachedResourcesKey = "blazor-resource-hash:HelpWidget.Samples.WebAssembly.Client";

    // The sidebar's note saying where the page's components run (the menu's name follows the language).
    private ILocator RunsOn => Page.Locator(".sidebar .demo-note");

    private ILocator ResultCount => Panel.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = ArticlesFound() });

    [Fact]
    public async Task Journey_InWebAssembly_FromSuggestionsToATicketInTheHelpServer()
    {
        await OpenPageAsync("/expenses/new");
        await Expect(RunsOn).ToHaveTextAsync("Running in your browser (WebAssembly)");
        await AssertAccessibleAsync("closed");

        await Launcher.ClickAsync();
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(SearchBox).ToBeFocusedAsync();
        var suggestions = Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" });
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Submit an expense claim" })).ToBeVisibleAsync();
        await AssertAccessibleAsync("open");

        // Results for each keystroke, counted in a live region, from the help server's engine.
        await Page.Keyboard.TypeAsync("vpn");
        var results = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" });
        var vpn = results.GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" });
        await Expect(vpn).ToBeVisibleAsync();
        await Expect(ResultCount).ToBeVisibleAsync();
        await Expect(results.Locator("mark").First).ToBeVisibleAsync();
        await AssertAccessibleAsync("results");

        await vpn.ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync();
        await Expect(Panel.GetByRole(AriaRole.Navigation, new() { Name = "Related articles" }).GetByRole(AriaRole.Button, new() { Name = "Troubleshoot VPN connection problems" })).ToBeVisibleAsync();
        await AssertAccessibleAsync("article");

        await Panel.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }).ClickAsync();
        await Expect(Panel.GetByText("Sorry it did not help")).ToBeVisibleAsync();
        await Panel.GetByRole(AriaRole.Group, new() { Name = "What was wrong? (optional)" }).GetByRole(AriaRole.Radio, new() { Name = "Steps are missing" }).CheckAsync();
        await AssertAccessibleAsync("feedback-reasons");

        // Contact support: an empty form explains each field, then the ticket goes to the help server.
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        var send = Panel.GetByRole(AriaRole.Button, new() { Name = "Send request" });
        await send.ClickAsync();
        var name = Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" });
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToHaveAccessibleDescriptionAsync("Enter your name.");
        await AssertAccessibleAsync("form-errors");

        await name.FillAsync("Alex Lindqvist");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" }).FillAsync("alex@nordhav.example");
        await Panel.GetByRole(AriaRole.Combobox, new() { Name = "Category" }).SelectOptionAsync("hardware");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).FillAsync("VPN drops every hour in the browser app");
        await Panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" }).FillAsync("I followed the VPN article; it still disconnects.");
        await send.ClickAsync();

        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        var reference = ReferencePattern().Match(await Panel.InnerTextAsync()).Value;
        Assert.NotEmpty(reference);
        await AssertAccessibleAsync("receipt");

        var stored = await App.HelpServer.GetRequiredService<IHelpStore>().GetTicketAsync(reference, TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal("VPN drops every hour in the browser app", stored.Submission.Subject);
        Assert.Equal("hardware", stored.Submission.Category);
        Assert.Equal("/expenses/new", stored.Submission.Route);
        Assert.Contains("vpn-connect", stored.Submission.Context["articlesRead"], StringComparison.Ordinal);

        await Page.Keyboard.PressAsync("Escape");
        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToBeFocusedAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task FieldTip_OnTheFormPage_OpensItsArticleInThePanel()
    {
        await OpenPageAsync("/expenses/new");
        var help = Page.GetByRole(AriaRole.Button, new() { Name = "Help with Category" });

        await help.ClickAsync();

        var tip = Page.GetByRole(AriaRole.Note);
        await Expect(tip).ToContainTextAsync("Mileage is only for trips in your own car.");
        await AssertAccessibleAsync("field-tip");
        await tip.GetByRole(AriaRole.Button, new() { Name = "Read more" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Claim mileage for your own car", Level = 3 })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task AppButtons_DriveTheWidgetThroughTheHelpSessionInTheBrowser()
    {
        await OpenPageAsync("/profile");

        await Page.GetByRole(AriaRole.Button, new() { Name = "How do I change my password?" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Reset your password", Level = 3 })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Report a problem with my account" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" })).ToHaveValueAsync("Problem with my account");
        AssertNoProblems();
    }

    [Fact]
    public async Task ArticlePage_ShowsTheHelpServersArticle_AndSaysWhenThereIsNone()
    {
        await OpenPageAsync("/help/vpn-connect");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync("article-page");

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Good to see you", Level = 1 })).ToBeVisibleAsync();
        // The API answers 404 for an article that does not exist; the page says so.
        ExpectFailuresFrom(new Uri(App.HelpServerAddress, "helpwidget/api/articles/no-such-article").ToString());
        await OpenPageAsync("/help/no-such-article");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "This article is not available", Level = 1 })).ToBeVisibleAsync();
        AssertNoProblems();
    }

    [Fact]
    public async Task AutoPage_RunsOnTheServerFirst_AndInWebAssemblyOnceItIsCached()
    {
        // First visit: nothing cached, so InteractiveAuto starts on the server while WebAssembly downloads.
        await OpenPageAsync("/equipment");
        await Expect(RunsOn).ToHaveTextAsync("Running on the server");
        await AssertAutoPageWidgetWorksAsync("auto-server");

        // Blazor notes in local storage that the runtime is cached once it has downloaded; the next visit uses it.
        await Page.WaitForFunctionAsync($"() => localStorage.getItem('{CachedResourcesKey}') !== null", null, new() { Timeout = 60_000 });
        await Page.ReloadAsync();
        await Expect(Launcher).ToBeEnabledAsync(UntilInteractive);
        await Expect(RunsOn).ToHaveTextAsync("Running in your browser (WebAssembly)");
        await AssertAutoPageWidgetWorksAsync("auto-webassembly");
        AssertNoProblems();
    }

    [Theory]
    [InlineData("sv", "Hjälp", "Sök bland hjälpartiklar", "glömt lösenordet", "Återställ ditt lösenord", "Min profil")]
    [InlineData("fi", "Ohje", "Hae ohjeista", "vpn", "Connect to the VPN when working remotely", "My profile")]
    public async Task Languages_TheHostsChoiceReachesTheWidgetInTheBrowser(string culture, string help, string searchLabel, string query, string article, string heading)
    {
        await Page.GotoAsync($"/culture/{culture}?returnUrl=/profile");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        var launcher = Page.GetByRole(AriaRole.Button, new() { Name = help, Exact = true });
        await Expect(launcher).ToBeEnabledAsync(UntilInteractive);
        await Expect(RunsOn).ToContainTextAsync("WebAssembly");
        await Expect(Page.Locator(".hw-root")).ToHaveAttributeAsync("lang", culture);

        await launcher.ClickAsync();
        var panel = Page.GetByRole(AriaRole.Dialog, new() { Name = help });
        await panel.GetByRole(AriaRole.Searchbox, new() { Name = searchLabel }).FillAsync(query);

        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = article })).ToBeVisibleAsync();
        await AssertAccessibleAsync($"language-{culture}");
        AssertNoProblems();
    }

    [Fact]
    public async Task Browser_DownloadsTheWidget_ButNoServerEngine()
    {
        await OpenPageAsync("/");
        await Expect(RunsOn).ToHaveTextAsync("Running in your browser (WebAssembly)");

        var assemblies = Requested.Where(url => url.Contains("/_framework/", StringComparison.Ordinal) && url.EndsWith(".wasm", StringComparison.Ordinal))
            .Select(url => url[(url.LastIndexOf('/') + 1)..])
            .ToList();
        Assert.Contains(assemblies, name => name.StartsWith("HelpWidget.Components.", StringComparison.Ordinal));
        Assert.Contains(assemblies, name => name.StartsWith("HelpWidget.Http.", StringComparison.Ordinal));
        string[] serverOnly = ["Lucene", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "Markdig", "HtmlSanitizer", "AngleSharp", "YamlDotNet", "MailKit", "MimeKit", "HelpWidget.Lucene", "HelpWidget.Sqlite", "HelpWidget.Markdown", "HelpWidget.Smtp", "HelpWidget.AspNetCore"];
        Assert.DoesNotContain(assemblies, name => serverOnly.Any(prefix => name.StartsWith(prefix + ".", StringComparison.Ordinal)));
        AssertNoProblems();
    }

    private async Task AssertAutoPageWidgetWorksAsync(string state)
    {
        // The page's help context and the launcher share one help session, wherever they run.
        await Launcher.ClickAsync();
        var suggestions = Panel.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" });
        await Expect(suggestions.GetByRole(AriaRole.Button, new() { Name = "Start your new company laptop for the first time" })).ToBeVisibleAsync();
        await SearchBox.FillAsync("printer");
        await Expect(ResultCount).ToBeVisibleAsync();
        await AssertAccessibleAsync(state);
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Close help" }).ClickAsync();
        await Expect(Panel).ToBeHiddenAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Help with Device" }).ClickAsync();
        await Page.GetByRole(AriaRole.Note).GetByRole(AriaRole.Button, new() { Name = "Read more" }).ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Start your new company laptop for the first time", Level = 3 })).ToBeVisibleAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Close help" }).ClickAsync();
        await Expect(Panel).ToBeHiddenAsync();
    }

    private static Regex ArticlesFound() => ArticlesFoundPattern();

    [GeneratedRegex("^[0-9]+ articles? found$")]
    private static partial Regex ArticlesFoundPattern();

    [GeneratedRegex("HW-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();
}
