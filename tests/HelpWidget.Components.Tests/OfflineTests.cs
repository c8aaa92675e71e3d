using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Components.Tests;

/// <summary>The panel and the contact form when a remote provider reports that help is offline.</summary>
public sealed class OfflineTests : HelpWidgetTestContext
{
    private const string OfflineText = "Help is offline. What has already been loaded is still shown, and search works again as soon as the connection is back.";

    public OfflineTests()
        : this(new FakeHelpConnectivity())
    {
    }

    private OfflineTests(FakeHelpConnectivity connectivity)
        : base(builder => builder.Services.AddSingleton<IHelpConnectivity>(connectivity)) => Connectivity = connectivity;

    private FakeHelpConnectivity Connectivity { get; }

    /// <summary>The options the components read (IOptions caches one instance), changed before rendering.</summary>
    private HelpContactOptions Contact => Services.GetRequiredService<IOptions<HelpWidgetOptions>>().Value.Contact;

    [Fact]
    public void Offline_PanelSaysSoInAStatus_AndOffersEmailAndPhoneAsLinks()
    {
        Contact.Email = "support@nordhav.example";
        Contact.Phone = new ContactChannel { Address = "+46 8 123 456 00" };
        Connectivity.Report(false);

        var cut = OpenPanel();

        var status = cut.Find(".hw-offline");
        Assert.Equal("status", status.GetAttribute("role"));
        Assert.Equal(OfflineText, status.TextContent);
        var channels = cut.Find("section.hw-channels");
        Assert.Equal("Reach support directly", channels.QuerySelector("h3")!.TextContent);
        Assert.Equal(
            ["mailto:support@nordhav.example", "tel:+46812345600"],
            channels.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Offline_ShowsTheSuggestionsTheProviderStillServes()
    {
        Knowledge.OnSuggest = _ => Hits(("password-reset", "Reset your password"));
        Connectivity.Report(false);

        var cut = OpenPanel();

        Assert.Equal(["Reset your password"], cut.FindAll(".hw-hit-title").Select(b => b.TextContent));
        Assert.Equal(OfflineText, cut.Find(".hw-offline").TextContent);
    }

    [Fact]
    public void Offline_WhereNoContactIsOffered_SaysHelpIsOfflineButOffersNoChannel()
    {
        Contact.Policy = ContactPolicy.Never;
        Contact.Email = "support@nordhav.example";
        Connectivity.Report(false);

        var cut = OpenPanel();

        Assert.Equal(OfflineText, cut.Find(".hw-offline").TextContent);
        Assert.Empty(cut.FindAll("a[href^='mailto:']"));
    }

    [Fact]
    public void Online_OfflineRegionIsInPlaceButSaysNothing()
    {
        Contact.Email = "support@nordhav.example";

        var cut = OpenPanel();

        Assert.Equal(string.Empty, cut.Find(".hw-offline[role=status]").TextContent);
        Assert.Empty(cut.FindAll("section.hw-channels"));
    }

    [Fact]
    public void SearchFailsAsHelpGoesOffline_SaysHelpIsOffline_NotThatSearchBroke()
    {
        Knowledge.OnSearch = _ =>
        {
            Connectivity.Report(false);
            throw new HttpRequestException("connection refused");
        };
        var cut = OpenPanel();

        cut.FindByLabel("Search help articles").Input("vpn");

        var expected = "Search cannot reach help while it is offline. Your search is kept and runs again when the connection is back.";
        Assert.Equal(expected, cut.Find(".hw-status").TextContent);
        Assert.Contains(cut.FindAll(".hw-message"), m => m.TextContent == expected);
        Assert.DoesNotContain("Search is not available right now", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(OfflineText, cut.Find(".hw-offline").TextContent);
    }

    [Fact]
    public async Task BackOnline_RaisedOnAnotherThread_RefreshesSuggestionsByItself()
    {
        var reachable = false;
        Knowledge.OnSuggest = _ => reachable ? Hits(("request-leave", "Request leave")) : throw new HttpRequestException("offline");
        Knowledge.OnSearch = _ => reachable ? Hits(("vpn-connect", "Connect to the VPN")) : throw new HttpRequestException("offline");
        Connectivity.Report(false);
        var cut = OpenPanel();
        Assert.Contains("Suggestions for this page cannot be loaded while help is offline.", cut.Markup, StringComparison.Ordinal);
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.FindByLabel("Search help articles").Input(string.Empty);

        reachable = true;
        await Task.Run(() => Connectivity.Report(true), Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Equal(["Request leave"], cut.FindAll(".hw-hit-title").Select(b => b.TextContent)));
        Assert.Equal(string.Empty, cut.Find(".hw-offline").TextContent);
        Assert.Equal(2, Knowledge.Suggestions.Count);
    }

    [Fact]
    public async Task BackOnline_AfterASearchFailedOffline_ShowsItsResults()
    {
        var reachable = false;
        Knowledge.OnSearch = _ => reachable ? Hits(("vpn-connect", "Connect to the VPN")) : throw new HttpRequestException("offline");
        Connectivity.Report(false);
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");

        reachable = true;
        await Task.Run(() => Connectivity.Report(true), Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Equal("1 article found", cut.Find(".hw-status").TextContent));
        Assert.Equal(["Connect to the VPN"], cut.FindAll(".hw-hit-title").Select(b => b.TextContent));
    }

    [Fact]
    public async Task GoingOffline_WhileOpen_FillsTheLiveRegionAlreadyInPlace()
    {
        Contact.Phone = new ContactChannel { Address = "+47 22 00 00 00" };
        var cut = OpenPanel();
        Assert.Equal(string.Empty, cut.Find(".hw-offline").TextContent);

        await Task.Run(() => Connectivity.Report(false), Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Equal(OfflineText, cut.Find(".hw-offline").TextContent));
        Assert.Equal("tel:+4722000000", cut.Find("section.hw-channels a").GetAttribute("href"));
    }

    [Fact]
    public async Task ArticleFailsOffline_SaysSo_AndOpensOnceOnline()
    {
        var reachable = true;
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "Connect to the VPN"));
        Knowledge.OnGetArticle = r =>
        {
            if (!reachable)
            {
                Connectivity.Report(false);
                throw new HttpRequestException("offline");
            }

            return Article(r.ArticleId, "Connect to the VPN");
        };
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");
        reachable = false;

        cut.Find(".hw-hit button").Click();

        Assert.Equal("This article cannot be loaded while help is offline. It opens by itself when the connection is back.", cut.Find(".hw-body [role=status]").TextContent);

        reachable = true;
        await Task.Run(() => Connectivity.Report(true), Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Equal("Connect to the VPN", cut.Find("article h3").TextContent));
    }

    [Fact]
    public async Task ContactForm_SendFailsOffline_KeepsTheDraftAndSaysSo_ThenSendsOnceOnline()
    {
        var keys = new List<string>();
        Store.FailWith = ticket =>
        {
            keys.Add(ticket.IdempotencyKey);
            if (keys.Count == 1)
            {
                Connectivity.Report(false);
                return new HttpRequestException("offline");
            }

            return null;
        };
        var cut = OpenPanel();
        cut.FindButton("Contact support").Click();
        Fill(cut);

        cut.Find("form").Submit();

        Assert.Equal(
            "Help is offline, so your request could not be sent. Nothing was lost: your text is kept here. Send it again when the connection is back.",
            cut.Find("form [role=alert]").TextContent.Trim());
        Assert.Equal("VPN drops every hour", cut.FindByLabel("Subject").GetAttribute("value"));
        Assert.Equal("It disconnects.", cut.FindByLabel("Describe the problem").GetAttribute("value"));
        Assert.Empty(Store.Tickets);

        await Task.Run(() => Connectivity.Report(true), Xunit.TestContext.Current.CancellationToken);
        cut.WaitForAssertion(() => Assert.Equal(
            "The connection is back. Your request is still here: choose Send request to send it.",
            cut.Find("form [role=alert]").TextContent.Trim()));
        cut.Find("form").Submit();

        Assert.Single(Store.Tickets);
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal("Request sent", cut.Find(".hw-receipt h3").TextContent);
    }

    [Fact]
    public void FeedbackFailsOffline_SaysItCouldNotBeSavedWhileOffline()
    {
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "Connect to the VPN"));
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "Connect to the VPN");
        Store.FailFeedbackWith = _ =>
        {
            Connectivity.Report(false);
            return new HttpRequestException("offline");
        };
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.Find(".hw-hit button").Click();

        cut.FindButton("Yes").Click();

        Assert.Equal(
            "Your answer could not be saved while help is offline. Please answer again when the connection is back.",
            cut.Find(".hw-feedback [role=status]").TextContent);
    }

    [Fact]
    public async Task Disposed_PanelAndForm_StopListening()
    {
        var cut = OpenPanel();
        cut.FindButton("Contact support").Click();
        Assert.Equal(2, Connectivity.Listeners);

        await DisposeComponentsAsync();

        Assert.Equal(0, Connectivity.Listeners);
    }

    [Fact]
    public void Offline_SwedishUser_ReadsItInSwedish()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("sv-SE");
        Connectivity.Report(false);
        var cut = Render<HelpLauncher>();

        cut.FindButton("Hjälp").Click();

        Assert.StartsWith("Hjälpen är offline.", cut.Find(".hw-offline").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<HelpLauncher> OpenPanel()
    {
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        return cut;
    }

    private static void Fill(IRenderedComponent<HelpLauncher> cut)
    {
        cut.FindByLabel("Your name").Change("Alex Lindqvist");
        cut.FindByLabel("Your e-mail address").Change("alex@nordhav.example");
        cut.FindByLabel("Subject").Input("VPN drops every hour");
        cut.FindByLabel("Describe the problem").Input("It disconnects.");
    }
}
