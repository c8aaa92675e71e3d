namespace HelpWidget.Tests.Panel;

public sealed class PanelNavigationTests
{
    [Fact]
    public void BackAndForward_WalkThroughResultsAndArticles()
    {
        var navigation = new PanelNavigation();
        navigation.Navigate(PanelView.Article, "vpn-connect");
        navigation.Navigate(PanelView.Article, "vpn-troubleshoot");

        Assert.True(navigation.TryGoBack(out var place));
        Assert.Equal(new PanelPlace(PanelView.Article, "vpn-connect"), place);
        Assert.True(navigation.TryGoBack(out place));
        Assert.Equal(new PanelPlace(PanelView.Search, null), place);
        Assert.False(navigation.CanGoBack);

        Assert.True(navigation.TryGoForward(out place));
        Assert.Equal(("vpn-connect", PanelView.Article), (navigation.ArticleId, navigation.View));
        Assert.True(navigation.TryGoForward(out _));
        Assert.Equal("vpn-troubleshoot", navigation.ArticleId);
        Assert.False(navigation.TryGoForward(out _));
    }

    [Fact]
    public void Navigate_ANewStepAfterGoingBack_ForgetsTheWayForward()
    {
        var navigation = new PanelNavigation();
        navigation.Navigate(PanelView.Article, "a");
        navigation.TryGoBack(out _);
        Assert.True(navigation.CanGoForward);

        navigation.Navigate(PanelView.Article, "b");

        Assert.False(navigation.CanGoForward);
    }

    [Fact]
    public void Navigate_ToWhereTheUserIs_AddsNoStep()
    {
        var navigation = new PanelNavigation();
        navigation.Navigate(PanelView.Contact);

        Assert.False(navigation.Navigate(PanelView.Contact));
        navigation.TryGoBack(out _);
        Assert.False(navigation.CanGoBack);
    }

    [Fact]
    public void Finish_HasNoWayBackIntoTheRequest_AndEndsWhenThePanelCloses()
    {
        var navigation = new PanelNavigation();
        navigation.Navigate(PanelView.Article, "a");
        navigation.Navigate(PanelView.Contact);

        navigation.Finish(PanelView.Receipt);

        Assert.False(navigation.CanGoBack);
        Assert.True(navigation.Finished);
        Assert.True(navigation.EndFinished());
        Assert.Equal(new PanelPlace(PanelView.Search, null), navigation.Current);
        Assert.Null(navigation.ArticleId);
        Assert.False(navigation.Finished);
    }

    [Fact]
    public void EndFinished_WhatIsInProgress_IsKept()
    {
        var navigation = new PanelNavigation();
        navigation.Navigate(PanelView.Article, "a");

        Assert.False(navigation.EndFinished());
        Assert.Equal(new PanelPlace(PanelView.Article, "a"), navigation.Current);
        Assert.True(navigation.CanGoBack);
    }

    [Fact]
    public void Resume_AfterSolved_KeepsThePanelOpenOnTheNextClose()
    {
        var navigation = new PanelNavigation();
        navigation.Finish(PanelView.Search);

        navigation.Resume();

        Assert.False(navigation.EndFinished());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LeaveContactUnlessOffered_ShowsSearchWhereContactIsNotOffered(bool offered)
    {
        var navigation = new PanelNavigation();
        navigation.Navigate(PanelView.Contact);

        navigation.LeaveContactUnlessOffered(offered);

        Assert.Equal(offered ? PanelView.Contact : PanelView.Search, navigation.View);
    }
}
