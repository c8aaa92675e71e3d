using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Components.Tests;

/// <summary>The app drives the widget through <see cref="HelpSession"/> and hears what happens through its events.</summary>
public sealed class HelpSessionApiTests : HelpWidgetTestContext
{
    private HelpSession Session => Services.GetRequiredService<HelpSession>();

    [Fact]
    public async Task SearchAsync_OpensThePanelOnTheResults()
    {
        Knowledge.OnSearch = r => Hits(("vpn-connect", "Connect to the VPN"));
        var cut = Render<HelpLauncher>();

        await cut.InvokeAsync(() => Session.SearchAsync("vpn"));

        Assert.Equal("true", cut.FindButton("Help").GetAttribute("aria-expanded"));
        Assert.Equal("vpn", cut.FindByLabel("Search help articles").GetAttribute("value"));
        Assert.True(cut.HasButton("Connect to the VPN"));
        Assert.True(Session.IsOpen);
    }

    [Fact]
    public async Task ShowArticleAsync_BeforeThePanelExists_IsCarriedOutWhenItStarts()
    {
        Knowledge.OnGetArticle = r => r.ArticleId == "vpn-connect" ? Article("vpn-connect", "Connect to the VPN") : null;

        await Session.ShowArticleAsync("vpn-connect");
        var cut = Render<HelpLauncher>();

        Assert.Equal("Connect to the VPN", cut.Find("article h2, article h3").TextContent.Trim());
    }

    [Fact]
    public async Task StartContactAsync_FillsTheSubjectAndDescription()
    {
        var cut = Render<HelpLauncher>();

        await cut.InvokeAsync(() => Session.StartContactAsync("Cannot print", "The queue is stuck."));

        Assert.Equal("Cannot print", cut.FindByLabel("Subject").GetAttribute("value"));
        Assert.Equal("The queue is stuck.", cut.FindByLabel("Describe the problem").GetAttribute("value"));
    }

    [Fact]
    public async Task CloseAsync_ClosesTheOpenPanel()
    {
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();

        await cut.InvokeAsync(Session.CloseAsync);

        Assert.True(cut.Find("[role=dialog]").HasAttribute("hidden"));
        Assert.False(Session.IsOpen);
    }

    [Fact]
    public async Task Events_ReachTheSessionAndTheLauncherCallbacks()
    {
        Knowledge.OnSearch = r => Hits(("vpn-connect", "Connect to the VPN"));
        Knowledge.OnGetArticle = r => Article("vpn-connect", "Connect to the VPN");
        var seen = new List<string>();
        Session.Opened += (_, _) => seen.Add("opened");
        Session.Searched += (_, e) => seen.Add($"searched {e.Query} {e.ResultCount}");
        Session.ArticleViewed += (_, e) => seen.Add($"viewed {e.ArticleId} {e.Language}");
        Session.Voted += (_, e) => seen.Add($"voted {e.ArticleId} {e.Helpful}");
        Session.Closed += (_, _) => seen.Add("closed");
        var callbacks = new List<string>();
        var cut = Render<HelpLauncher>(p => p
            .Add(l => l.OnSearched, (HelpSearchedEventArgs e) => callbacks.Add("searched " + e.Query))
            .Add(l => l.OnArticleViewed, (HelpArticleViewedEventArgs e) => callbacks.Add("viewed " + e.ArticleId))
            .Add(l => l.OnVoted, (HelpVotedEventArgs e) => callbacks.Add("voted " + e.ArticleId))
            .Add(l => l.OnClosed, () => callbacks.Add("closed")));

        cut.FindButton("Help").Click();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.FindButton("Connect to the VPN").Click();
        cut.FindButton("Yes").Click();
        cut.Find("[role=dialog]").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Equal(["opened", "searched vpn 1", "viewed vpn-connect en", "voted vpn-connect True", "closed"], seen);
        Assert.Equal(["searched vpn", "viewed vpn-connect", "voted vpn-connect", "closed"], callbacks);
    }

    [Fact]
    public async Task TicketCreated_ReachesTheSessionAndTheLauncherCallback_WithTheReceipt()
    {
        var seen = new List<string>();
        Session.TicketCreated += (_, e) => seen.Add("session " + e.Receipt.Reference);
        var cut = Render<HelpLauncher>(p => p.Add(l => l.OnTicketCreated, (HelpTicketCreatedEventArgs e) => seen.Add("callback " + e.Receipt.Reference)));
        await cut.InvokeAsync(() => Session.StartContactAsync("Cannot print", "The queue is stuck."));
        cut.FindByLabel("Your name").Change("Alex Lindqvist");
        cut.FindByLabel("Your e-mail address").Change("alex@nordhav.example");

        cut.Find("form").Submit();

        Assert.Equal(["session HW-000001", "callback HW-000001"], seen);
    }

    [Fact]
    public void CallbackThatThrows_ReachesTheAppsErrorHandling_AndThePanelGoesOn()
    {
        Knowledge.OnSearch = r => Hits(("vpn-connect", "Connect to the VPN"));
        var cut = Render<HelpLauncher>(p => p.Add(l => l.OnSearched, (HelpSearchedEventArgs e) => throw new InvalidOperationException("host bug " + e.Query)));

        cut.FindButton("Help").Click();

        // The renderer receives the exception as one of the app's own (bUnit rethrows it from the event it came with).
        var error = Assert.Throws<InvalidOperationException>(() => cut.FindByLabel("Search help articles").Input("vpn"));
        Assert.Equal("host bug vpn", error.Message);
        Assert.NotNull(cut.FindButton("Connect to the VPN"));
    }

    [Fact]
    public async Task PanelRenderedAnew_ContinuesWhereTheUserWas()
    {
        Knowledge.OnSearch = r => Hits(("vpn-connect", "Connect to the VPN"));
        Knowledge.OnGetArticle = r => Article("vpn-connect", "Connect to the VPN");
        var first = Render<HelpLauncher>();
        first.FindButton("Help").Click();
        first.FindByLabel("Search help articles").Input("vpn");
        first.FindButton("Connect to the VPN").Click();
        await DisposeComponentsAsync();

        var second = Render<HelpLauncher>();

        Assert.Equal("true", second.FindButton("Help").GetAttribute("aria-expanded"));
        Assert.Equal("Connect to the VPN", second.Find("article h2, article h3").TextContent.Trim());
        second.FindButton("Back").Click();
        Assert.Equal("vpn", second.FindByLabel("Search help articles").GetAttribute("value"));
        Assert.True(second.HasButton("Connect to the VPN"));
    }

    [Fact]
    public async Task BadArguments_AreRefusedWithTheirName()
    {
        await Assert.ThrowsAsync<ArgumentException>("query", () => Session.SearchAsync("  "));
        await Assert.ThrowsAsync<ArgumentException>("articleId", () => Session.ShowArticleAsync(""));
        Assert.Throws<ArgumentException>("Keys", () => Session.Context.Declare(new HelpContextDeclaration { Keys = ["ok", "bad\u0007"] }));
    }

    [Fact]
    public void History_BackAndForward_WalkThroughResultsAndArticles()
    {
        Knowledge.OnSearch = r => Hits(("vpn-connect", "Connect to the VPN"));
        Knowledge.OnGetArticle = r => r.ArticleId switch
        {
            "vpn-connect" => new HelpArticle { Id = "vpn-connect", Language = "en", Title = "Connect to the VPN", Summary = "s", Html = "<p>Body</p>", Related = ["vpn-troubleshoot"] },
            "vpn-troubleshoot" => Article("vpn-troubleshoot", "Troubleshoot the VPN"),
            _ => null,
        };
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.FindButton("Connect to the VPN").Click();
        cut.FindButton("Troubleshoot the VPN").Click();
        Assert.False(cut.HasButton("Forward"));

        cut.FindButton("Back").Click();
        Assert.Equal("Connect to the VPN", cut.Find("article h3").TextContent.Trim());
        cut.FindButton("Back").Click();
        Assert.Equal("vpn", cut.FindByLabel("Search help articles").GetAttribute("value"));

        cut.FindButton("Forward").Click();
        Assert.Equal("Connect to the VPN", cut.Find("article h3").TextContent.Trim());
        cut.FindButton("Forward").Click();
        Assert.Equal("Troubleshoot the VPN", cut.Find("article h3").TextContent.Trim());
        Assert.False(cut.HasButton("Forward"));

        cut.FindButton("Back").Click();
        cut.FindButton("Back").Click();
        cut.FindButton("Connect to the VPN").Click();
        Assert.False(cut.HasButton("Forward"));
    }
}
