using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace HelpWidget.Components.Tests.Insights;

public sealed class HelpInsightsTests : HelpWidgetTestContext
{
    private const string Policy = "HelpInsights";
    private readonly FakeHelpEventStore _events;
    private ClaimsPrincipal _user = Person("support-manager");

    private IEnumerable<string> LogMessages => Services.GetFakeLogCollector().GetSnapshot().Select(r => r.Message);

    public HelpInsightsTests()
        : this(new FakeHelpEventStore())
    {
    }

    private HelpInsightsTests(FakeHelpEventStore events)
        : base(builder =>
        {
            builder.Services.AddFakeLogging();
            builder.Services.AddSingleton<IHelpEventStore>(events);
            builder.Services.AddAuthorizationCore(options => options.AddPolicy(Policy, policy => policy.RequireRole("support-manager")));

            // The real authorisation service and policies, in place of bUnit's placeholders registered before.
            builder.Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
            builder.Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        })
    {
        _events = events;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentCulture = s_culture;
        base.Dispose(disposing);
    }

    private static readonly CultureInfo s_culture = CultureInfo.CurrentCulture;

    private static ClaimsPrincipal Person(params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "Karin"), .. roles.Select(role => new Claim(ClaimTypes.Role, role))], "Test"));

    private static readonly DateTimeOffset s_current = new(2026, 10, 25, 0, 0, 0, TimeSpan.Zero);

    private static HelpInsightsReport Report(HelpInsightsQuery query, int resolutions, int tickets, Action<ReportParts>? parts = null)
    {
        var p = new ReportParts();
        parts?.Invoke(p);
        return new HelpInsightsReport
        {
            From = query.From,
            To = query.To,
            Funnel = new HelpInsightsFunnel { Sessions = 12, WithSearch = 9, WithArticle = 7, WithContact = 3, WithTicket = tickets },
            Searches = 15,
            ArticleViews = 11,
            SelfServiceResolutions = resolutions,
            Tickets = tickets,
            FailedDeflections = 1,
            SimulatedEvents = p.Simulated,
            Days = p.Days,
            TopSearches = p.Top,
            ZeroResultSearches = p.Zero,
            SearchesFollowedByTicket = p.Followed,
            WorstRatedArticles = p.Rated,
            PagesWithMostContacts = p.Pages,
            TopDeflectingArticles = p.Deflecting,
        };
    }

    private sealed class ReportParts
    {
        public int Simulated { get; set; }

        public List<HelpInsightsDay> Days { get; } = [];

        public List<HelpQueryCount> Top { get; } = [];

        public List<HelpQueryCount> Zero { get; } = [];

        public List<HelpQueryCount> Followed { get; } = [];

        public List<HelpArticleRating> Rated { get; } = [];

        public List<HelpRouteContacts> Pages { get; } = [];

        public List<HelpArticleDeflections> Deflecting { get; } = [];
    }

    private IRenderedComponent<HelpInsights> RenderDashboard(Action<ComponentParameterCollectionBuilder<HelpInsights>>? parameters = null) =>
        Render<HelpInsights>(p =>
        {
            p.AddCascadingValue(Task.FromResult(new AuthenticationState(_user)));
            p.Add(x => x.Policy, Policy);
            parameters?.Invoke(p);
        });

    private static IElement Section(IRenderedComponent<HelpInsights> cut, string heading) =>
        cut.FindAll("section").Single(s => s.QuerySelector("h2")?.TextContent.Trim() == heading);

    private static string Figure(IRenderedComponent<HelpInsights> cut, string name) =>
        cut.FindAll(".hw-insights-figures > div").Single(d => d.QuerySelector("dt")!.TextContent.Trim() == name)
            .QuerySelector(".hw-insights-value")!.TextContent.Trim();

    private static string Csv(IElement link)
    {
        var href = link.GetAttribute("href")!;
        Assert.StartsWith("data:text/csv;charset=utf-8,", href, StringComparison.Ordinal);
        return Uri.UnescapeDataString(href["data:text/csv;charset=utf-8,".Length..]).TrimStart('\uFEFF');
    }

    private static IElement Link(IRenderedComponent<HelpInsights> cut, string name) =>
        cut.FindAll("a").SingleOrDefault(a => Queries.AccessibleName(a) == name)
            ?? throw new InvalidOperationException($"No link named '{name}' in:\n{cut.Markup}");

    [Fact]
    public void Render_WithoutPolicyOrAllowAnonymous_FailsWithAMessageNamingBoth()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Render<HelpInsights>());

        Assert.Contains("Policy", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowAnonymous", error.Message, StringComparison.Ordinal);
        Assert.Empty(_events.Queries);
    }

    [Fact]
    public void Render_PolicyAndAllowAnonymous_Fails()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RenderDashboard(p => p.Add(x => x.AllowAnonymous, true)));

        Assert.Contains("choose one", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(HelpInsightsQuery.MaxTop + 1)]
    public void Render_TopOutOfRange_Fails(int top)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RenderDashboard(p => p.Add(x => x.Top, top)));

        Assert.Contains(top.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UserWithoutThePolicy_IsRefusedAndNoFigureIsRead()
    {
        _user = Person("employee");

        var cut = RenderDashboard();

        Assert.Equal("You do not have access to help insights. Ask your administrator if you need them.", cut.Find("[role=alert]").TextContent.Trim());
        Assert.Empty(_events.Queries);
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public void Render_AnonymousUser_IsRefused()
    {
        _user = new ClaimsPrincipal(new ClaimsIdentity());

        var cut = RenderDashboard();

        Assert.NotNull(cut.Find(".hw-insights-refused"));
        Assert.Empty(_events.Queries);
    }

    [Fact]
    public void Render_AllowAnonymous_ShowsFiguresWithoutAPolicyCheck()
    {
        _user = new ClaimsPrincipal(new ClaimsIdentity());

        var cut = Render<HelpInsights>(p => p.Add(x => x.AllowAnonymous, true));


        Assert.Equal(2, _events.Queries.Count);
        Assert.NotEmpty(cut.FindAll(".hw-insights-figures"));
    }

    [Fact]
    public void Render_Default_ShowsTheLast30UtcDaysComparedWithThe30Before()
    {
        _events.OnReport = q => q.From == s_current ? Report(q, resolutions: 8, tickets: 4) : Report(q, resolutions: 3, tickets: 3);

        var cut = RenderDashboard();

        Assert.Equal(s_current, _events.Queries[0].From);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), _events.Queries[0].To);
        Assert.Equal(new DateTimeOffset(2026, 9, 25, 0, 0, 0, TimeSpan.Zero), _events.Queries[1].From);
        Assert.Equal(s_current, _events.Queries[1].To);
        Assert.Equal(HelpInsights.DefaultTop, _events.Queries[0].Top);
        Assert.Equal("66.7%", Figure(cut, "Self Service Rate"));
        Assert.Equal("Previous period: 50.0%", cut.Find(".hw-insights-figure-rate .hw-insights-previous").TextContent.Trim());
        Assert.Equal("8", Figure(cut, "Self-service resolutions"));
        Assert.Equal("4", Figure(cut, "Tickets"));
        Assert.Equal("1", Figure(cut, "Tickets after reading an article"));
        Assert.Equal("12", Figure(cut, "Help sessions"));
        Assert.Equal("15", Figure(cut, "Searches"));
        Assert.Equal("11", Figure(cut, "Articles read"));
        Assert.Equal("10/25/2026 to 11/23/2026 (UTC), compared with 9/25/2026 to 10/24/2026.", cut.Find(".hw-insights-period").TextContent.Trim());
    }

    [Fact]
    public void PeriodPicker_Last7Days_ReadsSevenDaysAndTheSevenBefore()
    {
        var cut = RenderDashboard();

        cut.FindByLabel("Period").Change(nameof(HelpInsightsPeriod.Last7Days));
        cut.Find("form").Submit();

        Assert.Equal(new DateTimeOffset(2026, 11, 17, 0, 0, 0, TimeSpan.Zero), _events.Queries[^2].From);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), _events.Queries[^2].To);
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero), _events.Queries[^1].From);
    }

    [Fact]
    public void PeriodPicker_ThisMonth_ReadsFromTheFirst()
    {
        var cut = RenderDashboard();

        cut.FindByLabel("Period").Change(nameof(HelpInsightsPeriod.ThisMonth));
        cut.Find("form").Submit();

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), _events.Queries[^2].From);
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 0, 0, 0, TimeSpan.Zero), _events.Queries[^1].From);
    }

    [Fact]
    public void PeriodPicker_CustomDates_ReadsThemBothIncluded()
    {
        var cut = RenderDashboard();

        cut.FindByLabel("Period").Change(nameof(HelpInsightsPeriod.Custom));
        cut.FindByLabel("From").Change("2026-06-01");
        cut.FindByLabel("To (included)").Change("2026-06-10");
        cut.Find("form").Submit();

        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), _events.Queries[^2].From);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 0, 0, 0, TimeSpan.Zero), _events.Queries[^2].To);
        Assert.Equal(new DateTimeOffset(2026, 5, 22, 0, 0, 0, TimeSpan.Zero), _events.Queries[^1].From);
    }

    [Theory]
    [InlineData("2026-06-10", "2026-06-01", "The end date must be on or after the start date.")]
    [InlineData("2000-01-01", "2026-06-01", "Choose a period of at most 1830 days.")]
    [InlineData("1999-12-30", "1999-12-31", "Choose dates from the year 2000 up to a year from today.")]
    [InlineData("", "2026-06-01", "Enter both dates.")]
    [InlineData("<script>alert(1)</script>", "", "Enter both dates.")]
    public void PeriodPicker_InvalidCustomDates_SaysWhyAndReadsNothing(string from, string to, string message)
    {
        var cut = RenderDashboard();
        var before = _events.Queries.Count;

        cut.FindByLabel("Period").Change(nameof(HelpInsightsPeriod.Custom));
        cut.FindByLabel("From").Change(from);
        cut.FindByLabel("To (included)").Change(to);
        cut.Find("form").Submit();

        Assert.Equal(message, cut.Find(".hw-insights-error").TextContent.Trim());
        Assert.Equal("true", cut.FindByLabel("From").GetAttribute("aria-invalid"));
        Assert.Equal(before, _events.Queries.Count);
    }

    [Fact]
    public void RateChart_IsAnImageWithADescriptionAndABarPerDayWithFigures()
    {
        _events.OnReport = q => Report(q, 3, 1, p => p.Days.AddRange(
        [
            new HelpInsightsDay { Date = new DateOnly(2026, 11, 21), Resolutions = 1, Tickets = 1 },
            new HelpInsightsDay { Date = new DateOnly(2026, 11, 22), Resolutions = 0, Tickets = 0 },
            new HelpInsightsDay { Date = new DateOnly(2026, 11, 23), Resolutions = 2, Tickets = 0 },
        ]));

        var cut = RenderDashboard();
        var section = Section(cut, "Self Service Rate per day");
        var chart = section.QuerySelector("svg")!;

        Assert.Equal("img", chart.GetAttribute("role"));
        var labelledBy = chart.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal("Self Service Rate per day", cut.Find("#" + labelledBy[0]).TextContent);
        Assert.Equal("Bars from 10/25/2026 to 11/23/2026, one per day with resolutions or tickets: lowest 50.0%, highest 100.0%; the whole period 75.0%.", cut.Find("#" + labelledBy[1]).TextContent);
        Assert.Equal(2, chart.QuerySelectorAll("rect.hw-insights-bar").Length);
        var rows = section.QuerySelectorAll("tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToArray();
        Assert.Equal(["11/21/2026|1|1|50.0%", "11/22/2026|0|0|none", "11/23/2026|2|0|100.0%"], rows);
    }

    [Fact]
    public void Funnel_ChartAndTableShowEveryStepWithItsShare()
    {
        _events.OnReport = q => Report(q, 3, 2);

        var cut = RenderDashboard();
        var section = Section(cut, "From help session to ticket");

        Assert.Equal("Help sessions 12; with a search 9; with an article read 7; with the contact form 3; with a ticket 2.", section.QuerySelector("desc")!.TextContent);
        var rows = section.QuerySelectorAll("tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToArray();
        Assert.Equal(["Help sessions|12|100%", "With a search|9|75%", "With an article read|7|58%", "With the contact form|3|25%", "With a ticket|2|17%"], rows);
        Assert.Equal(
            "\"Step\",\"Help sessions\",\"Share of sessions\"\r\n\"Help sessions\",\"12\",\"100%\"\r\n\"With a search\",\"9\",\"75%\"\r\n\"With an article read\",\"7\",\"58%\"\r\n\"With the contact form\",\"3\",\"25%\"\r\n\"With a ticket\",\"2\",\"17%\"\r\n",
            Csv(Link(cut, "Download From help session to ticket as CSV")));
    }

    [Fact]
    public void ContentGaps_OfferADraftOrSayAnArticleAddressesThem()
    {
        List<ArticleRequest> asked = [];
        Knowledge.OnGetArticle = request =>
        {
            asked.Add(request);
            return request.ArticleId == "printer-jam" ? Article("printer-jam", "Clear a printer jam") : null;
        };
        _events.OnReport = q => Report(q, 1, 1, p =>
        {
            p.Zero.Add(new HelpQueryCount { Query = "printer jam", Language = "en", Route = "/leave", Count = 4 });
            p.Zero.Add(new HelpQueryCount { Query = "vpn token", Language = "sv", Route = "/profile", Count = 2 });
        });

        var cut = RenderDashboard();
        var gaps = Section(cut, "Searches that found nothing");

        Assert.Contains("Addressed: article printer-jam exists", gaps.QuerySelectorAll("tbody tr")[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(gaps.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("a"));
        var draft = Link(cut, "Download draft for \u201cvpn token\u201d");
        Assert.Equal("vpn-token.md", draft.GetAttribute("download"));
        var markdown = Uri.UnescapeDataString(draft.GetAttribute("href")!["data:text/markdown;charset=utf-8,".Length..]);
        Assert.StartsWith("---\nid: \"vpn-token\"\ntitle: \"Vpn token\"\n", markdown, StringComparison.Ordinal);
        Assert.Contains("contexts: [\"/profile\"]\nlanguage: \"sv\"\n---\n", markdown, StringComparison.Ordinal);
        Assert.Equal("sv", asked.Single(r => r.ArticleId == "vpn-token").Language);
    }

    [Fact]
    public void WorstRated_ShowTitlesReasonsAndCommentsWithARevisionDraftEach()
    {
        Knowledge.OnGetArticle = request => request.ArticleId == "expense-status" ? Article("expense-status", "Where is my expense claim?") : null;
        _events.OnReport = q => Report(q, 1, 1, p => p.Rated.Add(new HelpArticleRating
        {
            ArticleId = "expense-status",
            Yes = 1,
            No = 3,
            Reasons = [new("missing-steps", 2), new("free text reason", 1)],
            Comments = ["The screenshot shows the old menu"],
        }));

        var cut = RenderDashboard();
        var row = Section(cut, "Worst-rated articles").QuerySelector("tbody tr")!;

        Assert.Equal("Where is my expense claim?|25%|1|3|Steps are missing: 2; free text reason: 1", string.Join("|", row.Children.Take(5).Select(c => c.TextContent.Trim())));
        var draft = Link(cut, "Download draft revising \u201cWhere is my expense claim?\u201d for the comment \u201cThe screenshot shows the old menu\u201d");
        Assert.Equal("expense-status.md", draft.GetAttribute("download"));
        Assert.Contains(
            "\"Article\",\"Helpful\",\"Yes\",\"No\",\"Reasons for No\",\"Comments\"\r\n\"Where is my expense claim?\",\"25%\",\"1\",\"3\",\"Steps are missing: 2; free text reason: 1\",\"The screenshot shows the old menu\"\r\n",
            Csv(Link(cut, "Download Worst-rated articles as CSV")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_EveryOneHasACsvDownloadNamedAfterItAndThePeriod()
    {
        _events.OnReport = q => Report(q, 1, 1, p =>
        {
            p.Top.Add(new HelpQueryCount { Query = "reset password", Language = "en", Route = "/profile", Count = 9 });
            p.Followed.Add(new HelpQueryCount { Query = "laptop broken", Language = "en", Route = "/", Count = 2 });
            p.Pages.Add(new HelpRouteContacts { Route = "/expenses/new", ContactsStarted = 5, Tickets = 3 });
            p.Deflecting.Add(new HelpArticleDeflections { ArticleId = "password-reset", Resolutions = 6, Confirmations = 2 });
        });

        var cut = RenderDashboard();

        (string Title, string Key, string Expected)[] tables =
        [
            ("Top searches", "top-searches", "\"Search\",\"Language\",\"Page\",\"Times\"\r\n\"reset password\",\"en\",\"/profile\",\"9\"\r\n"),
            ("Searches that found nothing", "zero-result-searches", "\"Search\",\"Language\",\"Page\",\"Times\"\r\n"),
            ("Searches followed by a ticket without an article read", "searches-followed-by-ticket", "\"Search\",\"Language\",\"Page\",\"Times\"\r\n\"laptop broken\",\"en\",\"/\",\"2\"\r\n"),
            ("Pages with the most contacts", "pages-with-most-contacts", "\"Page\",\"Contact forms opened\",\"Tickets\"\r\n\"/expenses/new\",\"5\",\"3\"\r\n"),
            ("Articles that solved the most needs", "top-deflecting-articles", "\"Article\",\"Self-service resolutions\",\"Confirmed solved\"\r\n\"password-reset\",\"6\",\"2\"\r\n"),
        ];
        foreach (var (title, key, expected) in tables)
        {
            var link = Link(cut, $"Download {title} as CSV");
            Assert.Equal($"help-{key}-2026-10-25-2026-11-23.csv", link.GetAttribute("download"));
            Assert.Equal(expected, Csv(link));
        }

        Assert.Equal("Nothing in this period.", Section(cut, "Searches that found nothing").QuerySelector("tbody td")!.TextContent.Trim());
    }

    [Fact]
    public void SimulatedData_IsMarkedOnThePageAndInEveryCsv()
    {
        _events.OnReport = q => Report(q, 1, 1, p =>
        {
            p.Simulated = 1234;
            p.Top.Add(new HelpQueryCount { Query = "vpn", Count = 3 });
        });

        var cut = RenderDashboard();

        Assert.Equal(
            "Includes simulated demonstration data. 1,234 events in this period are not real use: the figures are for trying the dashboard, not for decisions.",
            cut.Find(".hw-insights-simulated").TextContent.Trim());
        var links = cut.FindAll("a.hw-insights-csv");
        Assert.Equal(9, links.Count);
        Assert.All(links, link => Assert.StartsWith("\"Includes simulated demonstration data.\"\r\n", Csv(link), StringComparison.Ordinal));
    }

    [Fact]
    public void RealData_HasNoSimulatedMark()
    {
        var cut = RenderDashboard();

        Assert.Empty(cut.FindAll(".hw-insights-simulated"));
        Assert.All(cut.FindAll("a.hw-insights-csv"), link => Assert.DoesNotContain("simulated", Csv(link), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void HostileValues_AreShownAsTextAndExportedWithoutFormulas()
    {
        var script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var longQuery = new string('w', 5000);
        _events.OnReport = q => Report(q, 1, 1, p =>
        {
            p.Top.Add(new HelpQueryCount { Query = script, Language = "en\"><b>", Route = "javascript:alert(1)", Count = 3 });
            p.Top.Add(new HelpQueryCount { Query = "=HYPERLINK(\"http://evil.example\",\"click\")", Count = 2 });
            p.Top.Add(new HelpQueryCount { Query = "+cmd|' /C calc'!A0", Route = "@SUM(1+1)", Count = 2 });
            p.Top.Add(new HelpQueryCount { Query = "-2+3", Count = 1 });
            p.Top.Add(new HelpQueryCount { Query = "line\r\nbreak\t\"quoted\"", Count = 1 });
            p.Zero.Add(new HelpQueryCount { Query = longQuery, Count = 1 });
            p.Pages.Add(new HelpRouteContacts { Route = "/a\"b<c>", ContactsStarted = 1, Tickets = 0 });
            p.Rated.Add(new HelpArticleRating { ArticleId = "../../etc/passwd", Yes = 0, No = 1, Reasons = [new(script, 1)], Comments = ["=1+1", script] });
        });

        var cut = RenderDashboard();

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("b"));
        Assert.DoesNotContain(cut.FindAll("a"), a => a.GetAttribute("href")!.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(cut.FindAll("th"), th => th.TextContent == script);
        Assert.Contains(cut.FindAll("th"), th => th.TextContent == longQuery && th.ClassList.Contains("hw-insights-text"));

        var top = Csv(Link(cut, "Download Top searches as CSV"));
        var lines = top.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",\"\",\"\",\"2\"", lines[2]);
        Assert.Equal("\"'+cmd|' /C calc'!A0\",\"\",\"'@SUM(1+1)\",\"2\"", lines[3]);
        Assert.Equal("\"'-2+3\",\"\",\"\",\"1\"", lines[4]);
        Assert.Equal("\"line  break \"\"quoted\"\"\",\"\",\"\",\"1\"", lines[5]);
        Assert.Contains(",\"'=1+1 | <script>", Csv(Link(cut, "Download Worst-rated articles as CSV")), StringComparison.Ordinal);

        var gapDraft = cut.FindAll("a[download$='.md']").First(a => a.GetAttribute("aria-label")!.Contains("www", StringComparison.Ordinal));
        Assert.Equal(new string('w', HelpArticleDraft.MaxIdLength) + ".md", gapDraft.GetAttribute("download"));
        var revision = cut.FindAll("a[download$='.md']").First(a => a.GetAttribute("aria-label")!.Contains("alert", StringComparison.Ordinal));
        Assert.DoesNotContain("/", revision.GetAttribute("download")!, StringComparison.Ordinal);
    }

    [Fact]
    public void StoreFailure_SaysSoAndLogsWithoutUserText()
    {
        _events.OnReport = _ => throw new InvalidOperationException("database is locked");

        var cut = RenderDashboard();

        Assert.Equal("The figures could not be loaded. Try again in a moment.", cut.Find("[role=status]").TextContent.Trim());
        Assert.Empty(cut.FindAll("table"));
        Assert.Contains(LogMessages, m => m.StartsWith("The help insights report could not be loaded", StringComparison.Ordinal));
    }

    [Fact]
    public void KnowledgeFailure_ShowsIdsAndDraftsAndLogs()
    {
        Knowledge.OnGetArticle = _ => throw new IOException("index is being rebuilt");
        _events.OnReport = q => Report(q, 1, 1, p =>
        {
            p.Zero.Add(new HelpQueryCount { Query = "vpn token", Language = "en", Count = 2 });
            p.Deflecting.Add(new HelpArticleDeflections { ArticleId = "password-reset", Resolutions = 3, Confirmations = 1 });
        });

        var cut = RenderDashboard();

        Assert.Equal("password-reset", Section(cut, "Articles that solved the most needs").QuerySelector("tbody th")!.TextContent.Trim());
        Assert.NotNull(Link(cut, "Download draft for \u201cvpn token\u201d"));
        Assert.Contains(LogMessages, m => m.StartsWith("Articles for the help insights dashboard could not be looked up", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sv-SE", "Hjälpstatistik", "Självbetjäningsgrad", "Period", "Ladda ned Vanligaste sökningar som CSV")]
    [InlineData("nb-NO", "Hjelpestatistikk", "Selvbetjeningsgrad", "Periode", "Last ned Vanligste søk som CSV")]
    [InlineData("da-DK", "Hjælpestatistik", "Selvbetjeningsgrad", "Periode", "Download Hyppigste søgninger som CSV")]
    [InlineData("fi-FI", "Ohjeiden tilastot", "Itsepalveluaste", "Ajanjakso", "Lataa Yleisimmät haut CSV-tiedostona")]
    public void Render_NordicUser_GetsTheDashboardInTheirLanguage(string culture, string title, string rate, string period, string csv)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        _events.OnReport = q => Report(q, 2, 1);

        try
        {
            var cut = RenderDashboard();

            Assert.Equal(title, cut.Find("h1").TextContent);
            Assert.Contains(cut.FindAll("dt"), dt => dt.TextContent == rate);
            Assert.NotNull(cut.FindByLabel(period));
            Assert.NotNull(Link(cut, csv));
            Assert.Equal((2.0 / 3).ToString("P1", CultureInfo.GetCultureInfo(culture)), Figure(cut, rate));
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        }
    }

    [Fact]
    public void HeadingLevel_ShiftsTheTitleAndTheSections()
    {
        var cut = RenderDashboard(p => p.Add(x => x.HeadingLevel, 2));

        Assert.Equal("Help insights", cut.Find("h2").TextContent);
        Assert.Contains(cut.FindAll("h3"), h => h.TextContent == "Key figures");
        Assert.Empty(cut.FindAll("h1"));
    }
}
