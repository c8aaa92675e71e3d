using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Components.Tests;

/// <summary>"Still need help?" at the end of an article, offered as the contact policy of the page and audience says.</summary>
public sealed class ArticleContactTests : HelpWidgetTestContext
{
    public ArticleContactTests()
    {
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "Connect to the VPN");
    }

    private HelpContactOptions Contact => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HelpWidgetOptions>>().Value.Contact;

    [Fact]
    public void Article_ContactAlwaysOffered_EndsWithStillNeedHelpThatOpensTheForm()
    {
        var cut = OpenArticleFromSearch();

        var end = cut.Find(".hw-article-contact");
        Assert.Equal("Still need help?", end.QuerySelector("p")!.TextContent);
        Assert.Same(end.QuerySelector("button"), cut.FindButton("Contact support"));
        Assert.True(cut.HasButton("Yes"));

        cut.FindButton("Contact support").Click();

        Assert.NotNull(cut.FindByLabel("Subject"));
    }

    [Fact]
    public void Article_AnsweredNo_OffersContactOnceAtTheEnd()
    {
        var cut = OpenArticleFromSearch();

        cut.FindButton("No").Click();

        Assert.Single(cut.FindAll("button"), b => Queries.AccessibleName(b) == "Contact support");
        Assert.NotNull(cut.Find(".hw-article-contact button"));
    }

    [Fact]
    public async Task Article_AfterSelfService_ReadingItCountsAsSelfService_SoContactIsOffered()
    {
        Contact.Policy = ContactPolicy.AfterSelfService;
        var cut = Render<HelpLauncher>();

        await cut.InvokeAsync(() => Services.GetRequiredService<HelpSession>().ShowArticleAsync("vpn-connect"));

        cut.WaitForAssertion(() => Assert.Equal("Connect to the VPN", cut.Find("article h3").TextContent));
        Assert.Equal("Still need help?", cut.Find(".hw-article-contact p").TextContent);
        cut.FindButton("Contact support").Click();
        Assert.NotNull(cut.FindByLabel("Subject"));
    }

    [Fact]
    public void Article_NeverOnThisPage_OffersNoContactEvenAfterNo()
    {
        Contact.Rules.Add(new ContactPolicyRule { Context = "/", Policy = ContactPolicy.Never });
        var cut = OpenArticleFromSearch();

        cut.FindButton("No").Click();

        Assert.Empty(cut.FindAll(".hw-article-contact"));
        Assert.False(cut.HasButton("Contact support"));
        Assert.DoesNotContain("Still need help?", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Thank you. Sorry it did not help: tell us what was wrong, and the article can be improved.", cut.Find(".hw-feedback [role=status]").TextContent);
        Assert.DoesNotContain("contact support", cut.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Article_SwedishUser_EndsWithSwedishStillNeedHelp()
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");
        var cut = Render<HelpLauncher>();
        cut.FindButton("Hjälp").Click();
        cut.FindByLabel("Sök bland hjälpartiklar").Input("vpn");

        cut.FindButton("VPN").Click();

        Assert.Equal("Behöver du mer hjälp?", cut.Find(".hw-article-contact p").TextContent);
        Assert.True(cut.HasButton("Kontakta supporten"));
    }

    private IRenderedComponent<HelpLauncher> OpenArticleFromSearch()
    {
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.FindButton("VPN").Click();
        return cut;
    }
}
