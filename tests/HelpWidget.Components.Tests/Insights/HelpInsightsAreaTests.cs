using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using System.Security.Claims;

namespace HelpWidget.Components.Tests.Insights;

/// <summary>The dashboard's figures by area: each article of the period mapped to its area when shown, titles in the manager's language.</summary>
public sealed class HelpInsightsAreaTests : HelpWidgetTestContext
{
    private static readonly CultureInfo s_culture = CultureInfo.CurrentCulture;
    private static readonly CultureInfo s_uiCulture = CultureInfo.CurrentUICulture;
    private readonly FakeHelpEventStore _events;

    public HelpInsightsAreaTests()
        : this(new FakeHelpEventStore())
    {
    }

    private HelpInsightsAreaTests(FakeHelpEventStore events)
        : base(builder =>
        {
            builder.Services.AddSingleton<IHelpEventStore>(events);
            builder.Services.AddSingleton<IHelpAreaSource>(new Areas(
            [
                new HelpArea { Id = "accounts", Language = "en", Title = "Accounts and devices", Order = 2 },
                new HelpArea { Id = "accounts", Language = "sv", Title = "Konton och enheter", Order = 2 },
                new HelpArea { Id = "travel", Language = "en", Title = "Travel", Order = 1 },
            ]));
            builder.Services.AddAuthorizationCore();
        })
    {
        _events = events;
        _events.OnReport = query => new HelpInsightsReport
        {
            From = query.From,
            To = query.To,
            Funnel = new HelpInsightsFunnel { Sessions = 5, WithSearch = 4, WithArticle = 4, WithContact = 2, WithTicket = 1 },
            Searches = 6,
            ArticleViews = 9,
            SelfServiceResolutions = 3,
            Tickets = 1,
            FailedDeflections = 0,
            Articles =
            [
                new HelpArticleFigures { ArticleId = "orphan", Views = 1 },
                new HelpArticleFigures { ArticleId = "reset-password", Views = 3, ViewsFromSearch = 2, Yes = 1, No = 1, ContactsAfter = 1 },
                new HelpArticleFigures { ArticleId = "trip-claim", Views = 4, ViewsFromSearch = 1, Yes = 3, ContactsAfter = 1 },
                new HelpArticleFigures { ArticleId = "vpn-connect", Views = 1, No = 1 },
            ],
        };
        Knowledge.OnGetArticle = request => request.ArticleId switch
        {
            "reset-password" or "vpn-connect" => new HelpArticle { Id = request.ArticleId, Language = "en", Title = request.ArticleId, Area = "accounts" },
            "trip-claim" => new HelpArticle { Id = request.ArticleId, Language = "en", Title = request.ArticleId, Area = "travel" },
            "orphan" => new HelpArticle { Id = request.ArticleId, Language = "en", Title = request.ArticleId },
            _ => null,
        };
    }

    protected override void Dispose(bool disposing)
    {
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (s_culture, s_uiCulture);
        base.Dispose(disposing);
    }

    private IRenderedComponent<HelpInsights> RenderDashboard() => Render<HelpInsights>(p => p
        .AddCascadingValue(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))))
        .Add(x => x.AllowAnonymous, true));

    private static List<string[]> Rows(AngleSharp.Dom.IElement table) =>
        [.. table.QuerySelectorAll("tbody tr").Select(row => row.Children.Select(cell => cell.TextContent.Trim()).ToArray())];

    [Fact]
    public void FiguresByArea_SumTheArticlesOfEachArea_InTheAreasOrder_WithNoAreaLast()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");

        var cut = RenderDashboard();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("caption"), c => c.TextContent.Trim() == "Figures by area"), TimeSpan.FromSeconds(30));
        var table = cut.FindAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == "Figures by area");
        Assert.Equal(
            ["Area", "Articles read", "Article views", "Searches ending in an article", "Yes", "No", "Helpful", "Contacts after reading"],
            table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.All(table.QuerySelectorAll("tbody tr"), tr => Assert.Equal("row", tr.Children[0].GetAttribute("scope")));
        Assert.Equal(
            [
                ["Travel", "1", "4", "1", "3", "0", "100%", "1"],
                ["Accounts and devices", "2", "4", "2", "1", "2", "33%", "1"],
                ["No area", "1", "1", "0", "0", "0", "No votes", "0"],
            ],
            Rows(table));
        var csv = cut.FindAll("a.hw-insights-csv").Single(a => a.GetAttribute("download")?.StartsWith("help-figures-by-area-", StringComparison.Ordinal) == true);
        var text = Uri.UnescapeDataString(csv.GetAttribute("href")!["data:text/csv;charset=utf-8,".Length..]);
        Assert.Contains("\"Accounts and devices\",\"2\",\"4\",\"2\",\"1\",\"2\",\"33%\",\"1\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FiguresByArea_InSwedish_ShowTheAreasSwedishTitles_AndFallBackToAnotherLanguage()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("sv-SE");

        var cut = RenderDashboard();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("caption"), c => c.TextContent.Trim() == "Siffror per område"), TimeSpan.FromSeconds(30));
        var table = cut.FindAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == "Siffror per område");
        Assert.Equal(["Travel", "Konton och enheter", "Inget område"], Rows(table).Select(r => r[0]));
        Assert.Equal("Område", table.QuerySelector("thead th")!.TextContent.Trim());
    }

    private sealed class Areas(IReadOnlyList<HelpArea> areas) : IHelpAreaSource
    {
        public event EventHandler? AreasChanged
        {
            add { }
            remove { }
        }

        public Task<IReadOnlyList<HelpArea>> LoadAreasAsync(CancellationToken cancellationToken = default) => Task.FromResult(areas);
    }
}
