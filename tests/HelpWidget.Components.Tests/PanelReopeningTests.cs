using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Components.Tests;

/// <summary>What the panel shows when it opens again: a finished request never, what is still in progress always.</summary>
public sealed class PanelReopeningTests : HelpWidgetTestContext
{
    public PanelReopeningTests()
    {
        Knowledge.OnSuggest = r => r.Context.Route switch
        {
            "/leave" => Hits(("leave-request", "Request leave")),
            _ => Hits(("vpn-connect", "Connect to the VPN")),
        };
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "Connect to the VPN"));
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "Connect to the VPN");
    }

    [Fact]
    public void Reopen_AfterTheReceiptWasClosedAndTheUserMovedOn_ShowsTheNewPagesHelp()
    {
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");
        SendTicket(cut);
        Assert.Equal("Request sent", cut.Find(".hw-receipt h3").TextContent);

        PressEscape(cut);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/leave");
        cut.FindButton("Help").Click();

        Assert.Empty(cut.FindAll(".hw-receipt"));
        Assert.Equal(string.Empty, cut.FindByLabel("Search help articles").GetAttribute("value") ?? string.Empty);
        cut.WaitForAssertion(() => Assert.Equal(["Request leave"], cut.FindAll("ul[aria-label='Suggested for this page'] .hw-hit-title").Select(b => b.TextContent)));
        Assert.False(cut.HasButton("Back"));
    }

    [Fact]
    public void Reopen_AfterTheReceiptWasClosedOnTheSamePage_ShowsSuggestionsNotTheReceipt()
    {
        var cut = OpenPanel();
        SendTicket(cut);

        cut.FindButton("Close help").Click();
        cut.FindButton("Help").Click();

        Assert.Empty(cut.FindAll(".hw-receipt"));
        Assert.Equal(["Connect to the VPN"], cut.FindAll(".hw-hit-title").Select(b => b.TextContent));
    }

    [Fact]
    public void Reopen_AfterTheSolvedThanksWasClosed_ShowsThePagesHelpWithoutTheThanks()
    {
        var cut = OpenPanel();
        cut.FindButton("Contact support").Click();
        cut.FindByLabel("Subject").Input("vpn keeps dropping");
        cut.FindButton("This solved my problem: Connect to the VPN").Click();
        Assert.Contains("Glad the article helped.", cut.Markup, StringComparison.Ordinal);

        PressEscape(cut);
        cut.FindButton("Help").Click();

        Assert.DoesNotContain("Glad the article helped.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(["Connect to the VPN"], cut.FindAll("ul[aria-label='Suggested for this page'] .hw-hit-title").Select(b => b.TextContent));
    }

    [Fact]
    public async Task Open_APanelRenderedAnewAfterOneWentAwayWithItsReceipt_ShowsThePagesHelp()
    {
        var first = Render<HelpPanel>(p => p.Add(x => x.Id, "help").Add(x => x.Open, true));
        SendTicket(first);
        Assert.Single(first.FindAll(".hw-receipt"));
        await DisposeComponentsAsync();

        var second = Render<HelpPanel>(p => p.Add(x => x.Id, "help").Add(x => x.Open, false));
        second.Render(p => p.Add(x => x.Open, true));

        Assert.Empty(second.FindAll(".hw-receipt"));
        Assert.Equal(["Connect to the VPN"], second.FindAll(".hw-hit-title").Select(b => b.TextContent));
    }

    [Fact]
    public void Reopen_AfterClosingAnArticleBeingRead_ShowsTheArticleAgain()
    {
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.Find(".hw-hit button").Click();

        PressEscape(cut);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/leave");
        cut.FindButton("Help").Click();

        Assert.Equal("Connect to the VPN", cut.Find("article h3").TextContent);
        Assert.True(cut.HasButton("Back"));
    }

    [Fact]
    public void Reopen_AfterClosingADraft_KeepsTheDraft()
    {
        var cut = OpenPanel();
        cut.FindButton("Contact support").Click();
        cut.FindByLabel("Subject").Input("Monitor flickers");

        PressEscape(cut);
        cut.FindButton("Help").Click();

        Assert.Equal("Monitor flickers", cut.FindByLabel("Subject").GetAttribute("value"));
    }

    private IRenderedComponent<HelpLauncher> OpenPanel()
    {
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        return cut;
    }

    private static void PressEscape(IRenderedComponent<HelpLauncher> cut) =>
        cut.Find("[role=dialog]").KeyDown(new KeyboardEventArgs { Key = "Escape" });

    private static void SendTicket<T>(IRenderedComponent<T> cut)
        where T : IComponent
    {
        cut.FindButton("Contact support").Click();
        cut.FindByLabel("Your name").Change("Alex Lindqvist");
        cut.FindByLabel("Your e-mail address").Change("alex@nordhav.example");
        cut.FindByLabel("Subject").Input("VPN drops every hour");
        cut.FindByLabel("Describe the problem").Input("It disconnects.");
        cut.Find("form").Submit();
    }
}
