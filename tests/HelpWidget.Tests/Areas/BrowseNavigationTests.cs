namespace HelpWidget.Tests.Areas;

public sealed class BrowseNavigationTests
{
    [Fact]
    public void Back_ThroughAreaAndArticle_ReturnsToEachPlaceWithItsArea()
    {
        var nav = new PanelNavigation();
        nav.Navigate(PanelView.Browse);
        nav.Navigate(PanelView.Browse, areaId: "accounts");
        nav.Navigate(PanelView.Article, "vpn");

        Assert.True(nav.TryGoBack(out var area));
        Assert.Equal(new PanelPlace(PanelView.Browse, null, "accounts"), area);
        Assert.Equal("accounts", nav.AreaId);
        Assert.True(nav.TryGoBack(out var areas));
        Assert.Equal(new PanelPlace(PanelView.Browse, null), areas);
        Assert.Null(nav.AreaId);
        Assert.True(nav.TryGoBack(out var search));
        Assert.Equal(PanelView.Search, search.View);
        Assert.False(nav.CanGoBack);

        Assert.True(nav.TryGoForward(out _));
        Assert.True(nav.TryGoForward(out var forward));
        Assert.Equal("accounts", forward.AreaId);
    }

    [Fact]
    public void Navigate_SameAreaAgain_IsNoStep()
    {
        var nav = new PanelNavigation();
        nav.Navigate(PanelView.Browse, areaId: "accounts");

        Assert.False(nav.Navigate(PanelView.Browse, areaId: "accounts"));
        Assert.True(nav.Navigate(PanelView.Browse, areaId: "pay"));
    }
}
