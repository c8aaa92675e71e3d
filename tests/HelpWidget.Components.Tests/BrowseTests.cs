using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Components.Tests;

public sealed class BrowseTests : HelpWidgetTestContext
{
    private readonly FakeAreaCatalog _catalog;

    public BrowseTests()
        : this(new FakeAreaCatalog())
    {
    }

    private BrowseTests(FakeAreaCatalog catalog)
        : base(builder => builder.Services.AddSingleton<IHelpAreaCatalog>(catalog))
    {
        _catalog = catalog;
        _catalog.Areas =
        [
            Summary("accounts", "Accounts and devices", "Sign in, passwords and VPN.", 12),
            Summary("pay", "Pay and leave", string.Empty, 1),
        ];
        Knowledge.OnSearch = r => (r.Area, r.Query) switch
        {
            ("accounts", "") => Hits(("password-reset", "Reset your password"), ("vpn-connect", "Connect to the VPN")),
            ("accounts", _) => Hits(("vpn-connect", "Connect to the VPN")),
            (null, _) => Hits(("vpn-connect", "Connect to the VPN"), ("vpn-travel", "VPN when travelling")),
            _ => SearchResults.Empty,
        };
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "Reset your password");
    }

    [Fact]
    public void Browse_ListsTheAreasWithTheirCounts_AndAnnouncesHowMany()
    {
        var cut = OpenPanel();

        cut.FindButton("Browse help by topic").Click();

        Assert.Equal("Topics", cut.Find("h3").TextContent);
        Assert.Equal("2 topics", cut.Status());
        Assert.Equal(["Accounts and devices", "Pay and leave"], cut.FindAll(".hw-areas .hw-hit-title").Select(Queries.AccessibleName));
        var description = cut.Find("#" + cut.FindButton("Accounts and devices").GetAttribute("aria-describedby"));
        Assert.Equal("Sign in, passwords and VPN.12 articles", description.TextContent.Trim());
        Assert.Equal("1 article", cut.Find("#" + cut.FindButton("Pay and leave").GetAttribute("aria-describedby")).TextContent.Trim());
        Assert.Equal("en", _catalog.Requests[^1].Language);
    }

    [Fact]
    public void NoAreas_NoBrowseButton()
    {
        _catalog.Areas = [];

        var cut = OpenPanel();

        Assert.False(cut.HasButton("Browse help by topic"));
    }

    [Fact]
    public void CatalogFails_PanelStillSearchesWithoutBrowse()
    {
        _catalog.Fail = true;

        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");

        Assert.False(cut.HasButton("Browse help by topic"));
        Assert.Equal("2 articles found", cut.Status());
    }

    [Fact]
    public void OpeningAnArea_ListsItsArticlesMostHelpfulFirst_AndMovesFocusToTheTitle()
    {
        var cut = OpenPanel();
        var title = cut.Find("h2").GetAttribute("blazor:elementReference");
        cut.FindButton("Browse help by topic").Click();

        cut.FindButton("Accounts and devices").Click();

        Assert.Equal("Accounts and devices", cut.Find("h3").TextContent);
        Assert.Equal(["Reset your password", "Connect to the VPN"], cut.FindAll(".hw-hit-title").Select(e => e.TextContent));
        Assert.Equal("2 articles", cut.Status());
        var browse = Knowledge.Searches[^1];
        Assert.Equal(("accounts", string.Empty, SearchRequest.MaxResultsLimit), (browse.Area, browse.Query, browse.MaxResults));
        Assert.Equal(title, LastFocused());
    }

    [Fact]
    public void SearchInAnArea_IsNarrowedToIt_AndSaysSo()
    {
        var cut = OpenArea();

        cut.FindByLabel("Search in Accounts and devices").Input("vpn");

        Assert.Equal("Searching in Accounts and devices.", cut.Find(".hw-scope span").TextContent);
        Assert.True(cut.HasButton("Search all help"));
        Assert.Equal(["Connect to the VPN"], cut.FindAll(".hw-hit-title").Select(e => e.TextContent));
        Assert.Equal("1 article found", cut.Status());
        Assert.Equal(("accounts", "vpn"), (Knowledge.Searches[^1].Area, Knowledge.Searches[^1].Query));
    }

    [Fact]
    public void SearchAllHelp_WidensTheSearchToEveryArea_KeepingTheWords()
    {
        var cut = OpenArea();
        cut.FindByLabel("Search in Accounts and devices").Input("vpn");

        cut.FindButton("Search all help").Click();

        Assert.Equal("vpn", cut.FindByLabel("Search help articles").GetAttribute("value"));
        Assert.Null(Knowledge.Searches[^1].Area);
        Assert.Equal(["Connect to the VPN", "VPN when travelling"], cut.FindAll(".hw-hit-title").Select(e => e.TextContent));
        Assert.Equal(cut.FindByLabel("Search help articles").GetAttribute("blazor:elementReference"), LastFocused());
    }

    [Fact]
    public void Back_FromAnArticle_ReturnsToTheAreaThenToTheTopicsThenToSearch()
    {
        var cut = OpenArea();
        cut.FindButton("Reset your password").Click();
        Assert.Equal("Reset your password", cut.Find(".hw-article-title").TextContent);

        cut.FindButton("Back").Click();
        Assert.Equal("Accounts and devices", cut.Find("h3").TextContent);
        cut.FindButton("Back").Click();
        Assert.Equal("Topics", cut.Find("h3").TextContent);
        cut.FindButton("Back").Click();

        Assert.NotNull(cut.FindByLabel("Search help articles"));
        Assert.False(cut.HasButton("Back"));
    }

    [Fact]
    public void Browse_SwedishUser_GetsSwedishText()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("sv-SE");
        var cut = Render<HelpLauncher>();
        cut.FindButton("Hjälp").Click();

        cut.FindButton("Bläddra i hjälpen efter ämne").Click();
        cut.FindButton("Accounts and devices").Click();

        Assert.NotNull(cut.FindByLabel("Sök i Accounts and devices"));
        Assert.Equal("2 artiklar", cut.Status());
        Assert.Equal("sv-SE", _catalog.Requests[^1].Language);
    }

    [Fact]
    public void AreaTitle_IsShownAsText_NeverAsMarkup()
    {
        _catalog.Areas = [Summary("x", "<img src=x onerror=alert(1)>", "<b>bold</b>", 2)];

        var cut = OpenPanel();
        cut.FindButton("Browse help by topic").Click();

        Assert.Empty(cut.FindAll(".hw-body img, .hw-body b"));
        Assert.True(cut.HasButton("<img src=x onerror=alert(1)>"));
    }

    [Fact]
    public void AreaSearchFails_SaysSoInsteadOfBreaking()
    {
        var cut = OpenArea();
        Knowledge.OnSearch = _ => throw new InvalidOperationException("index gone");

        cut.FindByLabel("Search in Accounts and devices").Input("vpn");

        Assert.Equal("Search is not available right now. Please try again in a moment.", cut.Status());
    }

    private IRenderedComponent<HelpLauncher> OpenPanel()
    {
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        return cut;
    }

    private IRenderedComponent<HelpLauncher> OpenArea()
    {
        var cut = OpenPanel();
        cut.FindButton("Browse help by topic").Click();
        cut.FindButton("Accounts and devices").Click();
        return cut;
    }

    private string? LastFocused()
    {
        var focused = JSInterop.VerifyFocusAsyncInvoke(calledTimes: JSInterop.Invocations.Count(i => i.Identifier.Contains("focus", StringComparison.OrdinalIgnoreCase)))[^1];
        return Assert.IsType<ElementReference>(focused.Arguments[0]).Id;
    }

    private static HelpAreaSummary Summary(string id, string title, string description, int count) =>
        new() { Area = new HelpArea { Id = id, Language = "en", Title = title, Description = description }, ArticleCount = count };

    private sealed class FakeAreaCatalog : IHelpAreaCatalog
    {
        public IReadOnlyList<HelpAreaSummary> Areas { get; set; } = [];

        public bool Fail { get; set; }

        public List<SearchRequest> Requests { get; } = [];

        public Task<IReadOnlyList<HelpAreaSummary>> GetAreasAsync(SearchRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            return Fail ? throw new InvalidOperationException("catalog down") : Task.FromResult(Areas);
        }
    }
}
