using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Components.Tests;

public sealed class HelpLauncherTests : HelpWidgetTestContext
{
    [Fact]
    public void Render_Closed_ShowsOnlyTheHelpButtonAndAnEmptyHiddenPanel()
    {
        var cut = Render<HelpLauncher>();

        var button = cut.FindButton("Help");
        Assert.False(button.HasAttribute("disabled"));
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        var panel = cut.Find($"#{button.GetAttribute("aria-controls")}");
        Assert.True(panel.HasAttribute("hidden"));
        Assert.Empty(panel.Children);
        Assert.Empty(Knowledge.Suggestions);
    }

    [Fact]
    public void Render_Prerendered_DisablesTheButtonUntilItCanOpenThePanel()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<HelpLauncher>();

        Assert.True(cut.FindButton("Help").HasAttribute("disabled"));
    }

    [Fact]
    public void Click_Opens_ThePanelWithFocusInTheSearchBox()
    {
        var cut = Render<HelpLauncher>();

        cut.FindButton("Help").Click();

        Assert.Equal("true", cut.FindButton("Help").GetAttribute("aria-expanded"));
        var panel = cut.Find("[role=dialog]");
        Assert.False(panel.HasAttribute("hidden"));
        Assert.Equal("Help", cut.Find($"#{panel.GetAttribute("aria-labelledby")}").TextContent);
        AssertFocused(cut.FindByLabel("Search help articles").GetAttribute("blazor:elementReference"));
    }

    [Fact]
    public void Escape_ClosesThePanel_AndReturnsFocusToTheButton()
    {
        var cut = Render<HelpLauncher>();
        var launcher = cut.FindButton("Help").GetAttribute("blazor:elementReference");
        cut.FindButton("Help").Click();

        cut.Find("[role=dialog]").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Equal("false", cut.FindButton("Help").GetAttribute("aria-expanded"));
        Assert.True(cut.Find("[role=dialog]").HasAttribute("hidden"));
        AssertFocused(launcher);
    }

    [Fact]
    public void CloseButton_ClosesThePanel_AndKeepsWhatTheUserTyped()
    {
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "Connect to the VPN"));
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        cut.FindByLabel("Search help articles").Input("vpn");

        cut.FindButton("Close help").Click();
        cut.FindButton("Help").Click();

        Assert.Equal("vpn", cut.FindByLabel("Search help articles").GetAttribute("value"));
        Assert.Contains("Connect to the VPN", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SuggestsArticlesForTheCurrentRoute_AndRefreshesOnNavigation()
    {
        Knowledge.OnSuggest = r => r.Context.Route == "/leave" ? Hits(("leave-vacation-request", "Request vacation")) : Hits(("expense-claim-submit", "Submit an expense claim"));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("expenses/new");
        var cut = Render<HelpLauncher>();

        cut.FindButton("Help").Click();
        Assert.Equal("/expenses/new", Knowledge.Suggestions[^1].Context.Route);
        Assert.Contains("Submit an expense claim", cut.Markup, StringComparison.Ordinal);

        navigation.NavigateTo("leave?tab=2#top");

        cut.WaitForAssertion(() => Assert.Contains("Request vacation", cut.Markup, StringComparison.Ordinal));
        Assert.Equal("/leave", Knowledge.Suggestions[^1].Context.Route);
    }

    [Fact]
    public void Link_HelpArticle_OpensThePanelOnThatArticle()
    {
        Knowledge.OnGetArticle = r => r.ArticleId == "vpn-connect" ? Article("vpn-connect", "Connect to the VPN") : null;
        Services.GetRequiredService<NavigationManager>().NavigateTo("leave?help=vpn-connect");

        var cut = Render<HelpLauncher>();

        Assert.Equal("true", cut.FindButton("Help").GetAttribute("aria-expanded"));
        Assert.Equal("Connect to the VPN", cut.Find("article h3").TextContent);
    }

    [Fact]
    public void Link_HelpSearch_OpensThePanelOnThatSearch()
    {
        Knowledge.OnSearch = r => r.Query == "vpn fails" ? Hits(("vpn-troubleshoot", "Troubleshoot the VPN")) : SearchResults.Empty;
        Services.GetRequiredService<NavigationManager>().NavigateTo("?help-search=vpn%20fails");

        var cut = Render<HelpLauncher>();

        Assert.Equal("vpn fails", cut.FindByLabel("Search help articles").GetAttribute("value"));
        Assert.Equal("1 article found", cut.Status());
    }

    [Theory]
    [InlineData("?help=..%2F..%2Fetc%2Fpasswd")]
    [InlineData("?help=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("?help=%00%1B")]
    public void Link_UnknownOrHostileArticle_SaysItIsNotAvailable(string link)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(link);

        var cut = Render<HelpLauncher>();

        Assert.Contains("This article is not available.", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_ArrivingWhileOnThePage_OpensThePanel()
    {
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "Request vacation");
        var cut = Render<HelpLauncher>();

        Services.GetRequiredService<NavigationManager>().NavigateTo("leave?help=leave-vacation-request");

        cut.WaitForAssertion(() => Assert.Equal("Request vacation", cut.Find("article h3").TextContent));
    }

    [Fact]
    public async Task Shortcut_Pressed_OpensThePanelWithFocusInTheSearchBox()
    {
        var cut = Render<HelpLauncher>();
        var init = ShortcutModule.VerifyInvoke("init");
        Assert.Equal("?", init.Arguments[1]);

        await cut.InvokeAsync(cut.Instance.OpenAsync);

        Assert.Equal("true", cut.FindButton("Help").GetAttribute("aria-expanded"));
        AssertFocused(cut.FindByLabel("Search help articles").GetAttribute("blazor:elementReference"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Shortcut_Off_LoadsNoScript(string? shortcut)
    {
        Render<HelpLauncher>(p => p.Add(l => l.Shortcut, shortcut));

        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "import");
    }

    [Fact]
    public void Shortcut_Invalid_FailsWithAMessageNamingTheParameter()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Render<HelpLauncher>(p => p.Add(l => l.Shortcut, new string('x', 100))));

        Assert.Contains("HelpLauncher.Shortcut", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_RemovesTheShortcutListener()
    {
        var cut = Render<HelpLauncher>();

        await cut.Instance.DisposeAsync();

        Assert.Single(JSInterop.Invocations, i => i.Identifier == "dispose");
    }

    [Fact]
    public void AdditionalAttributes_AreSplattedOnTheRoot()
    {
        var cut = Render<HelpLauncher>(p => p.Add(l => l.Class, "corner").AddUnmatched("data-testid", "help"));

        var root = cut.Find(".hw-root");
        Assert.Contains("corner", root.ClassList);
        Assert.Equal("help", root.GetAttribute("data-testid"));
    }

    /// <summary>bUnit writes an element's reference id when it is first rendered, so callers read it then.</summary>
    private void AssertFocused(string? elementReferenceId)
    {
        var focused = JSInterop.VerifyFocusAsyncInvoke(calledTimes: JSInterop.Invocations.Count(i => i.Identifier.Contains("focus", StringComparison.OrdinalIgnoreCase)))[^1];
        var reference = Assert.IsType<ElementReference>(focused.Arguments[0]);
        Assert.False(string.IsNullOrEmpty(elementReferenceId));
        Assert.Equal(elementReferenceId, reference.Id);
    }
}
