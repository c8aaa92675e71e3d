using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// Must hold (issue 13): three people use the real widget in Chromium, then the support manager finds on the dashboard
/// exactly the figures the definitions in PRODUCT.md give for what they did. The sample runs with a store of its own and
/// without demonstration data, so the figures are this script's and nothing else's.
/// </summary>
public sealed class InsightsJourneyTests(InsightsJourneyTests.InsightsApp app) : BrowserTest(app), IClassFixture<InsightsJourneyTests.InsightsApp>
{
    private const string ReceiptArticle = "Lost or missing receipt";
    private const string PasswordArticle = "Reset your password";
    private const string PrinterArticle = "Print job stuck or nothing comes out";
    private const string Gap = "zzqxv wlorp";
    private const string Comment = "The screenshot shows the old menu";

    /// <summary>The intranet sample with a fresh SQLite file and its demonstration data turned off.</summary>
    public sealed class InsightsApp : SampleAppFixture
    {
        protected override void ConfigureHost(IWebHostBuilder builder) => builder.UseSetting("HelpWidget:Insights:DemoData", "false");
    }

    [Fact]
    public async Task Dashboard_AfterScriptedSessions_ShowsExactlyTheFiguresTheDefinitionsGive()
    {
        // The script. A: searches, reads an article, finds it helpful, and still sends a ticket (a failed deflection).
        await AsPersonAsync("/expenses/new", async (page, panel) =>
        {
            await Search(panel).FillAsync("missing receipt");
            await Results(panel).GetByRole(AriaRole.Button, new() { Name = ReceiptArticle }).ClickAsync();
            await panel.GetByRole(AriaRole.Button, new() { Name = "Yes", Exact = true }).ClickAsync();
            await Expect(panel.GetByText("Thank you for your feedback.")).ToBeVisibleAsync();
            await SendTicketAsync(panel, "Receipt upload fails");
        });

        // B: a search that finds nothing, then a ticket without any article (a content gap, twice over).
        await AsPersonAsync("/leave", async (page, panel) =>
        {
            await Search(panel).FillAsync(Gap);
            await Expect(panel.GetByText("No articles match")).ToBeVisibleAsync();
            await SendTicketAsync(panel, "Cannot find the leave form");
        });

        // C: reads an article, answers "No" with a reason and a comment, starts writing to support about something else,
        // and is helped by the article the form suggests ("this solved my problem"): a resolution with a deflection.
        await AsPersonAsync("/profile", async (page, panel) =>
        {
            await Search(panel).FillAsync("password");
            await Results(panel).GetByRole(AriaRole.Button, new() { Name = PasswordArticle }).ClickAsync();
            await panel.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }).ClickAsync();
            await panel.GetByRole(AriaRole.Radio, new() { Name = "Steps are missing" }).CheckAsync();
            await panel.GetByRole(AriaRole.Textbox, new() { Name = "Anything to add? (optional)" }).FillAsync(Comment);
            await panel.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
            await Expect(panel.GetByText("Thank you, that helps us improve the article.")).ToBeVisibleAsync();
            await panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
            await panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).PressSequentiallyAsync("print queue stuck");
            await panel.GetByRole(AriaRole.Region, new() { Name = "These articles may answer your question" })
                .GetByRole(AriaRole.Button, new() { Name = $"This solved my problem: {PrinterArticle}" }).ClickAsync();
            await Expect(panel.GetByText("Glad the article helped.")).ToBeVisibleAsync();
        });

        // The figures by hand, from the script and the definitions:
        // sessions 3 (one each), all with a search; with an article A and C (2); with the contact form A, B, C (3);
        // with a ticket A and B (2). Searches 3, article views 2. Resolutions: only C's session (A and B sent tickets).
        // Tickets 2. Self Service Rate 1 / (1 + 2). Failed deflections: A's ticket came after A read an article (1).
        const int Sessions = 3, WithSearch = 3, WithArticle = 2, WithContact = 3, WithTicket = 2;
        const int Searches = 3, Views = 2, Resolutions = 1, Tickets = 2, FailedDeflections = 1;
        var rate = (double)Resolutions / (Resolutions + Tickets);

        // The events are written in the background, in order: C's confirmation is the last, so once it is stored all are.
        await WaitUntilStoredAsync(report => report.TopDeflectingArticles.Any(a => a.Confirmations > 0));

        await SignInAsSupportManagerAsync();
        var figures = Page.Locator(".hw-insights-figures");
        await ExpectFigureAsync("Self Service Rate", Percent(rate, 1));
        await ExpectFigureAsync("Self-service resolutions", Resolutions.ToString(CultureInfo.InvariantCulture));
        await ExpectFigureAsync("Tickets", Tickets.ToString(CultureInfo.InvariantCulture));
        await ExpectFigureAsync("Tickets after reading an article", FailedDeflections.ToString(CultureInfo.InvariantCulture));
        await ExpectFigureAsync("Help sessions", Sessions.ToString(CultureInfo.InvariantCulture));
        await ExpectFigureAsync("Searches", Searches.ToString(CultureInfo.InvariantCulture));
        await ExpectFigureAsync("Articles read", Views.ToString(CultureInfo.InvariantCulture));
        await Expect(figures.Locator(".hw-insights-previous").First).ToHaveTextAsync("Previous period: none");
        await Expect(Page.Locator(".hw-insights-simulated")).ToHaveCountAsync(0);

        await ExpectRowsAsync("From help session to ticket",
        [
            ["Help sessions", $"{Sessions}", Percent(1, 0)],
            ["With a search", $"{WithSearch}", Percent((double)WithSearch / Sessions, 0)],
            ["With an article read", $"{WithArticle}", Percent((double)WithArticle / Sessions, 0)],
            ["With the contact form", $"{WithContact}", Percent((double)WithContact / Sessions, 0)],
            ["With a ticket", $"{WithTicket}", Percent((double)WithTicket / Sessions, 0)],
        ]);

        // Each query once; ties in the order of the text.
        await ExpectRowsAsync("Top searches",
        [
            ["missing receipt", "en", "/expenses/new", "1"],
            ["password", "en", "/profile", "1"],
            [Gap, "en", "/leave", "1"],
        ]);
        await ExpectRowsAsync("Searches that found nothing", [[Gap, "en", "/leave", "1", "Download draft"]]);
        await ExpectRowsAsync("Searches followed by a ticket without an article read", [[Gap, "en", "/leave", "1", "Download draft"]]);

        // Helpfulness: the password article 0 of 1 with its reason and comment; the receipt article 1 of 1.
        await ExpectRowsAsync("Worst-rated articles",
        [
            [PasswordArticle, Percent(0, 0), "0", "1", "Steps are missing: 1", $"{Comment} Download draft"],
            [ReceiptArticle, Percent(1, 0), "1", "0", string.Empty, string.Empty],
        ]);

        // Contact forms opened plus tickets per page: /expenses/new 1 + 1, /leave 1 + 1, /profile 1 + 0.
        await ExpectRowsAsync("Pages with the most contacts", [["/expenses/new", "1", "1"], ["/leave", "1", "1"], ["/profile", "1", "0"]]);

        // Only C's session was resolved: the password article was read in it, the printer article confirmed (once);
        // ordered by resolutions, then confirmations.
        await ExpectRowsAsync("Articles that solved the most needs", [[PrinterArticle, "1", "1"], [PasswordArticle, "1", "0"]]);

        // By area, from the articles' front matter and the sample's areas.yml: the password article (accounts, devices and
        // network) read from a search, voted "No", then C opened the contact form; the receipt article (expenses, leave)
        // read from a search, voted "Yes", then A opened the contact form. The printer article was only confirmed.
        await ExpectRowsAsync("Figures by area",
        [
            ["Accounts, devices and network", "1", "1", "1", "0", "1", Percent(0, 0), "1"],
            ["Expenses, leave and your details", "1", "1", "1", "1", "0", Percent(1, 0), "1"],
        ]);

        // Today's bar and row of the rate per day.
        var days = Section("Self Service Rate per day");
        await Expect(days.Locator("svg[role=img] rect.hw-insights-bar")).ToHaveCountAsync(1);
        await days.GetByText("Data table").ClickAsync();
        var today = DateOnly.FromDateTime(DateTime.SpecifyKind(App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, DateTimeKind.Utc));
        await Expect(days.GetByRole(AriaRole.Row, new() { Name = today.ToString("d", CultureInfo.GetCultureInfo("en")) })).ToHaveTextAsync(
            $"{today.ToString("d", CultureInfo.GetCultureInfo("en"))}{Resolutions}{Tickets}{Percent(rate, 1)}");

        await AssertAccessibleAsync("insights-dashboard");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "insights-dashboard-full.png"), FullPage = true });
        await Section("Figures by area").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "insights-figures-by-area.png") });

        // The gap's draft is a Markdown article for the knowledge folder.
        var draft = await Page.RunAndWaitForDownloadAsync(() =>
            Section("Searches that found nothing").GetByRole(AriaRole.Link, new() { Name = $"Download draft for “{Gap}”" }).ClickAsync());
        Assert.Equal("zzqxv-wlorp.md", draft.SuggestedFilename);
        var markdown = await File.ReadAllTextAsync((await draft.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.StartsWith("---\nid: \"zzqxv-wlorp\"\ntitle: \"Zzqxv wlorp\"\n", markdown, StringComparison.Ordinal);
        Assert.Contains("contexts: [\"/leave\"]\nlanguage: \"en\"\n---\n", markdown, StringComparison.Ordinal);
        AssertNoProblems();
    }

    [Fact]
    public async Task Dashboard_KeyboardOnly_ChangesThePeriodReadsATableAndDownloadsItsCsv()
    {
        await SignInAsSupportManagerAsync();

        var period = Page.GetByRole(AriaRole.Combobox, new() { Name = "Period" });
        await TabUntilFocusedAsync(period);
        await Page.Keyboard.PressAsync("ArrowUp");
        await Expect(period).ToHaveValueAsync("Last7Days");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Show figures" })).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        var today = DateOnly.FromDateTime(DateTime.SpecifyKind(App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, DateTimeKind.Utc));
        var en = CultureInfo.GetCultureInfo("en");
        await Expect(Page.Locator(".hw-insights-period")).ToHaveTextAsync(
            $"{today.AddDays(-6).ToString("d", en)} to {today.ToString("d", en)} (UTC), compared with {today.AddDays(-13).ToString("d", en)} to {today.AddDays(-7).ToString("d", en)}.");

        // A table's scrolling region takes the focus, so its columns can be scrolled with the arrow keys.
        var table = Page.GetByRole(AriaRole.Region, new() { Name = "Top searches" });
        await TabUntilFocusedAsync(table);
        await Expect(table).ToBeFocusedAsync();

        var csv = Section("Top searches").GetByRole(AriaRole.Link, new() { Name = "Download Top searches as CSV" });
        await TabUntilFocusedAsync(csv);
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Keyboard.PressAsync("Enter"));
        Assert.Equal($"help-top-searches-{today.AddDays(-6):yyyy-MM-dd}-{today:yyyy-MM-dd}.csv", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.StartsWith("\"Search\",\"Language\",\"Page\",\"Times\"\r\n", text.TrimStart('\uFEFF'), StringComparison.Ordinal);

        await AssertAccessibleAsync("insights-keyboard");
        AssertNoProblems();
    }

    private static string Percent(double value, int decimals) => value.ToString("P" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.GetCultureInfo("en"));

    private static ILocator Search(ILocator panel) => panel.GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" });

    private static ILocator Results(ILocator panel) => panel.GetByRole(AriaRole.List, new() { Name = "Search results" });

    private ILocator Section(string heading) =>
        Page.Locator("section.hw-insights-block").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 2 }) });

    private Task ExpectFigureAsync(string name, string value) =>
        Expect(Page.Locator(".hw-insights-figure").Filter(new() { Has = Page.Locator("dt", new() { HasTextRegex = new($"^{System.Text.RegularExpressions.Regex.Escape(name)}$") }) })
            .Locator(".hw-insights-value")).ToHaveTextAsync(value);

    private async Task ExpectRowsAsync(string heading, string[][] rows)
    {
        var body = Section(heading).Locator("tbody tr");
        await Expect(body).ToHaveCountAsync(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var cells = body.Nth(i).Locator("th, td");
            for (var c = 0; c < rows[i].Length; c++)
            {
                await Expect(cells.Nth(c)).ToHaveTextAsync(rows[i][c]);
            }
        }
    }

    /// <summary>One person in a browser of their own (their own circuit, so their own user in the insights), on one page.</summary>
    private async Task AsPersonAsync(string path, Func<IPage, ILocator, Task> script)
    {
        await using var context = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 860 } });
        var page = await context.NewPageAsync();
        List<string> errors = [];
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(path);
        var launcher = page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });
        await Expect(launcher).ToBeEnabledAsync();
        await launcher.ClickAsync();
        var panel = page.GetByRole(AriaRole.Dialog, new() { Name = "Help" });
        await Expect(Search(panel)).ToBeFocusedAsync();
        await script(page, panel);
        Assert.Empty(errors);
    }

    private static async Task SendTicketAsync(ILocator panel, string subject)
    {
        await panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await panel.GetByRole(AriaRole.Textbox, new() { Name = "Your name" }).FillAsync("Kim Berg");
        await panel.GetByRole(AriaRole.Textbox, new() { Name = "Your e-mail address" }).FillAsync("kim@nordhav.example");
        await panel.GetByRole(AriaRole.Combobox, new() { Name = "Category" }).SelectOptionAsync("other");
        await panel.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).FillAsync(subject);
        await panel.GetByRole(AriaRole.Textbox, new() { Name = "Describe the problem" }).FillAsync("It does not work as the page says.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
    }

    private async Task WaitUntilStoredAsync(Func<HelpInsightsReport, bool> condition)
    {
        var store = App.Services.GetRequiredService<IHelpEventStore>();
        var now = App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var report = await store.GetReportAsync(new HelpInsightsQuery { From = now.AddDays(-1), To = now.AddDays(1) }, TestContext.Current.CancellationToken);
            if (condition(report))
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The script's events did not reach the store within 30 s.");
            await Task.Yield();
        }
    }

    private async Task SignInAsSupportManagerAsync()
    {
        await Page.GotoAsync("/sign-in?returnUrl=%2F");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Karin Sjöberg" }).ClickAsync();
        await Expect(Launcher).ToBeEnabledAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Help insights" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Help insights", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator(".hw-insights-figures")).ToBeVisibleAsync();
    }

    private async Task TabUntilFocusedAsync(ILocator target)
    {
        for (var presses = 0; presses < 200; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            await Page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {target}.");
    }
}
