using System.Globalization;
using Bunit;

namespace HelpWidget.Components.Tests;

/// <summary>
/// A process started with <c>LANG=C.UTF-8</c> (most containers) runs in the invariant culture: that states no language,
/// so the widget uses the default language, says nothing about a fallback, and records the language it used.
/// </summary>
public sealed class InvariantCultureTests : HelpWidgetTestContext
{
    public InvariantCultureTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "Connect to the VPN");
    }

    [Fact]
    public void Article_InvariantCulture_ShowsTheDefaultLanguageArticleWithoutAFallbackNotice()
    {
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");

        cut.Find(".hw-hit button").Click();

        Assert.Equal("Connect to the VPN", cut.Find(".hw-article-title").TextContent);
        Assert.Empty(cut.FindAll(".hw-article-notice"));
        Assert.DoesNotContain("not yet available in your language", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Panel_InvariantCulture_AsksForTheDefaultLanguage()
    {
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.Find(".hw-hit button").Click();

        Assert.Equal("en", Knowledge.Suggestions[^1].Language);
        Assert.Equal("en", Knowledge.Searches[^1].Language);
    }

    [Fact]
    public void ContactForm_InvariantCulture_ShowsAndRecordsTheDefaultLanguage()
    {
        var cut = OpenPanel();
        cut.FindButton("Contact support").Click();

        var preview = cut.FindAll(".hw-preview-list dt").Zip(cut.FindAll(".hw-preview-list dd"), (name, value) => (Name: name.TextContent, Value: value.TextContent));
        Assert.Contains(("Language", "en"), preview);

        cut.FindByLabel("Your name").Change("Alex Lindqvist");
        cut.FindByLabel("Your e-mail address").Change("alex@nordhav.example");
        cut.FindByLabel("Subject").Input("VPN drops every hour");
        cut.FindByLabel("Describe the problem").Input("It disconnects.");
        cut.Find("form").Submit();

        var ticket = Assert.Single(Store.Tickets);
        Assert.Equal("en", ticket.Language);
        Assert.Equal("en", ticket.Context["culture"]);
    }

    [Fact]
    public void ContactForm_SwedishCulture_RecordsTheCultureAsBefore()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("sv-SE");
        var cut = OpenPanel();
        cut.FindButton("Kontakta supporten").Click();
        cut.FindByLabel("Ditt namn").Change("Alex Lindqvist");
        cut.FindByLabel("Din e-postadress").Change("alex@nordhav.example");
        cut.FindByLabel("Ämne").Input("VPN bryts varje timme");
        cut.FindByLabel("Beskriv problemet").Input("Den kopplar ner.");
        cut.Find("form").Submit();

        var ticket = Assert.Single(Store.Tickets);
        Assert.Equal("sv-SE", ticket.Language);
        Assert.Equal("sv-SE", ticket.Context["culture"]);
    }

    private IRenderedComponent<HelpLauncher> OpenPanel()
    {
        var cut = Render<HelpLauncher>();
        cut.FindButton(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "sv" ? "Hjälp" : "Help").Click();
        return cut;
    }
}
