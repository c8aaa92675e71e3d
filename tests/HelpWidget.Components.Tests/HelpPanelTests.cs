using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Components.Tests;

public sealed class HelpPanelTests : HelpWidgetTestContext
{
    [Fact]
    public void Typing_ShowsResults_AndAnnouncesTheirCount()
    {
        Knowledge.OnSearch = _ => Hits(("password-reset", "Reset your password"), ("account-lockout", "Unlock your account"));
        var cut = OpenPanel();

        cut.FindByLabel("Search help articles").Input("passw");

        Assert.Equal("2 articles found", cut.Status());
        Assert.Equal(["Reset your password", "Unlock your account"], cut.FindAll(".hw-hit-title").Select(e => e.TextContent));
        Assert.Equal("passw", Knowledge.Searches[^1].Query);
        Assert.Equal("en", Knowledge.Searches[^1].Language);
        Assert.Equal("Reset your password", cut.Find(".hw-hit-text mark").TextContent);
    }

    [Fact]
    public void Typing_NothingFound_ShowsAHelpfulEmptyStateWithTheQueryAsText()
    {
        var cut = OpenPanel();

        cut.FindByLabel("Search help articles").Input("<img src=x onerror=alert(1)>");

        Assert.Equal("0 articles found", cut.Status());
        Assert.Contains("No articles match “<img src=x onerror=alert(1)>”", cut.Find(".hw-message").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".hw-message img"));
        Assert.True(cut.HasButton("Contact support"));
    }

    [Fact]
    public void Typing_NothingFoundButACloseSpellingWould_OffersIt()
    {
        Knowledge.OnSearch = r => r.Query == "vpn" ? Hits(("vpn-connect", "Connect to the VPN")) : new SearchResults { DidYouMean = "vpn" };
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpm");

        cut.FindButton("Did you mean vpn?").Click();

        Assert.Equal("vpn", cut.FindByLabel("Search help articles").GetAttribute("value"));
        Assert.Equal("1 article found", cut.Status());
    }

    [Fact]
    public void Typing_ProviderFails_SaysSearchIsUnavailableInsteadOfBreaking()
    {
        Knowledge.OnSearch = _ => throw new InvalidOperationException("index gone");
        var cut = OpenPanel();

        cut.FindByLabel("Search help articles").Input("vpn");

        Assert.Equal("Search is not available right now. Please try again in a moment.", cut.Status());
    }

    [Fact]
    public void Typing_SwedishUser_GetsSwedishTextAndSearchesInSwedish()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("sv-SE");
        Knowledge.OnSearch = _ => Hits(("password-reset", "Byt lösenord"));
        var cut = Render<HelpLauncher>();
        cut.FindButton("Hjälp").Click();

        cut.FindByLabel("Sök bland hjälpartiklar").Input("lösen");

        Assert.Equal("1 artikel hittades", cut.Status());
        Assert.Equal("sv-SE", Knowledge.Searches[^1].Language);
    }

    [Fact]
    public void OpeningAResult_ShowsTheArticle_WithItsHeadingsBelowTheTitle()
    {
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "Connect to the VPN"));
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "Connect to the VPN", "<h2>Steps</h2><p>Start the client.</p>");
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");

        cut.FindButton("Connect to the VPN").Click();

        Assert.Equal("Connect to the VPN", cut.Find("article h3").TextContent);
        Assert.Equal("Steps", cut.Find("article h5").TextContent);
        Assert.True(cut.HasButton("Back"));
    }

    [Fact]
    public void Article_WithRelatedArticles_ListsThoseTheUserMaySeeAndOpensThem()
    {
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "Connect to the VPN"));
        Knowledge.OnGetArticle = r => r.ArticleId switch
        {
            "vpn-connect" => new HelpArticle { Id = "vpn-connect", Language = "en", Title = "Connect to the VPN", Related = ["vpn-troubleshoot", "hidden", "vpn-connect"] },
            "vpn-troubleshoot" => Article("vpn-troubleshoot", "Troubleshoot the VPN"),
            _ => null,
        };
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.FindButton("Connect to the VPN").Click();

        var related = cut.Find("nav.hw-related");
        Assert.Equal("Related articles", cut.Find($"#{related.GetAttribute("aria-labelledby")}").TextContent);
        Assert.Equal(["Troubleshoot the VPN"], related.QuerySelectorAll("button").Select(b => b.TextContent));

        cut.FindButton("Troubleshoot the VPN").Click();

        Assert.Equal("Troubleshoot the VPN", cut.Find("article h3").TextContent);
    }

    [Fact]
    public void Article_InAnotherLanguageThanTheUsers_SaysSo()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("sv-SE");
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "Connect to the VPN"));
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "Connect to the VPN");
        var cut = Render<HelpLauncher>();
        cut.FindButton("Hjälp").Click();
        cut.FindByLabel("Sök bland hjälpartiklar").Input("vpn");

        cut.FindButton("Connect to the VPN").Click();

        Assert.Equal("Artikeln finns ännu inte på ditt språk; den visas på engelska.", cut.Find(".hw-article-notice").TextContent);
        Assert.Equal("en", cut.Find("article").GetAttribute("lang"));
    }

    [Fact]
    public void Article_InTheUsersLanguage_HasNoNotice()
    {
        var cut = OpenArticle();

        Assert.Empty(cut.FindAll(".hw-article-notice"));
    }

    [Fact]
    public void Back_ReturnsToTheResults()
    {
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "VPN");
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.Find(".hw-hit button").Click();

        cut.FindButton("Back").Click();

        Assert.Equal("vpn", cut.FindByLabel("Search help articles").GetAttribute("value"));
        Assert.Single(cut.FindAll(".hw-hit"));
    }

    [Fact]
    public void NoConnectivityRegistered_PanelHasNoOfflineRegion_AsAnInProcessEngineIsAlwaysOnline()
    {
        var cut = OpenPanel();

        Assert.Empty(cut.FindAll(".hw-offline"));
        Assert.Equal(string.Empty, cut.Status());
    }

    [Fact]
    public void UnknownArticle_SaysItIsNotAvailable()
    {
        Knowledge.OnSearch = _ => Hits(("gone", "Gone"));
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("gone");

        cut.Find(".hw-hit button").Click();

        Assert.Contains("This article is not available.", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Yes", true, "Thank you for your feedback.")]
    [InlineData("No", false, "Thank you. Sorry it did not help: contact support and we will take it from here.")]
    public void Feedback_IsStoredOnce_AndThanked(string answer, bool helpful, string thanks)
    {
        var cut = OpenArticle();

        cut.FindButton(answer).Click();

        var feedback = Assert.Single(Store.Feedback);
        Assert.Equal(("vpn-connect", helpful, Time.GetUtcNow()), (feedback.ArticleId, feedback.Helpful, feedback.CreatedAt));
        Assert.Equal(thanks, cut.Find(".hw-feedback [role=status]").TextContent);
        Assert.False(cut.HasButton("Yes"));
    }

    [Fact]
    public void Feedback_OnAnArticleOpenedFromResults_CarriesTheSearchWithoutPersonalData()
    {
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "Connect to the VPN");
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn for anna.berg@example.com");
        cut.Find(".hw-hit button").Click();

        cut.FindButton("Yes").Click();

        var feedback = Assert.Single(Store.Feedback);
        Assert.NotNull(feedback.Query);
        Assert.StartsWith("vpn for ", feedback.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("anna.berg", feedback.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Feedback_OnAnArticleNotReachedBySearch_HasNoQuery()
    {
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "Connect to the VPN");
        var cut = OpenPanel();
        cut.InvokeAsync(() => Services.GetRequiredService<HelpSession>().ShowArticleAsync("vpn-connect"));

        cut.WaitForAssertion(() => cut.FindButton("Yes").Click());

        Assert.Null(Assert.Single(Store.Feedback).Query);
    }

    [Fact]
    public void Feedback_NoWithAReasonAndComment_UpdatesTheSameAnswer()
    {
        var cut = OpenArticle();
        cut.FindButton("No").Click();

        cut.FindByLabel("Steps are missing").Change(true);
        cut.FindByLabel("Anything to add? (optional)").Change("Step 3 is missing.\u0007");
        cut.Find(".hw-feedback-details").Submit();

        var feedback = Assert.Single(Store.Feedback);
        Assert.Equal((false, "missing-steps", "Step 3 is missing."), (feedback.Helpful, feedback.Reason, feedback.Comment));
        Assert.Equal("Thank you, that helps us improve the article.", cut.Find(".hw-feedback [role=status]").TextContent);
        Assert.Empty(cut.FindAll(".hw-feedback-details"));
    }

    [Fact]
    public void ContactForm_EmptySubmit_MarksEachFieldWithItsOwnError()
    {
        var cut = OpenContactForm();

        cut.Find("form").Submit();

        foreach (var (label, message) in new[]
        {
            ("Your name", "Enter your name."),
            ("Your e-mail address", "Enter your e-mail address."),
            ("Subject", "Enter a subject."),
            ("Describe the problem", "Describe the problem."),
        })
        {
            var field = cut.FindByLabel(label);
            Assert.Equal("true", field.GetAttribute("aria-invalid"));
            var describedBy = field.GetAttribute("aria-describedby")!.Split(' ');
            Assert.Contains(describedBy, id => cut.FindAll($"#{id}").SingleOrDefault()?.TextContent == message);
        }

        Assert.Contains("Please correct the fields marked below.", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(Store.Tickets);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("a@b.example\nBcc: x@y.example")]
    [InlineData("<script>@example.com")]
    public void ContactForm_InvalidEmail_IsExplained(string email)
    {
        var cut = OpenContactForm();
        Fill(cut, email: email);

        cut.Find("form").Submit();

        Assert.Equal("true", cut.FindByLabel("Your e-mail address").GetAttribute("aria-invalid"));
        Assert.Empty(Store.Tickets);
    }

    [Fact]
    public void ContactForm_Valid_StoresTheTicketWithItsContext_ThenShowsTheReceipt()
    {
        var cut = OpenContactForm(searchFirst: true);
        Fill(cut, description: "<script>alert(1)</script> still broken");

        cut.Find("form").Submit();

        var ticket = Assert.Single(Store.Tickets);
        Assert.Equal("VPN drops every hour", ticket.Subject);
        Assert.Equal("<script>alert(1)</script> still broken", ticket.Description);
        Assert.Equal("/", ticket.Route);
        Assert.Equal("Test app", ticket.Context["app"]);
        Assert.Equal("vpn (1)", ticket.Context["searches"]);
        Assert.Equal(Time.GetUtcNow(), ticket.SubmittedAt);
        Assert.Equal("Request sent", cut.Find(".hw-receipt h3").TextContent);
        Assert.Contains("Your reference is HW-000001.", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactForm_DoubleSubmit_CreatesOneTicket()
    {
        var cut = OpenContactForm();
        Fill(cut);
        Store.HoldSave = new TaskCompletionSource();

        var first = cut.Find("form").SubmitAsync();
        Assert.True(cut.Find("button[type=submit]").HasAttribute("disabled"));
        Assert.Equal("Sending…", cut.Find("button[type=submit]").TextContent);
        var second = cut.Find("form").SubmitAsync();
        Store.HoldSave.SetResult();
        await Task.WhenAll(first, second);

        Assert.Single(Store.Tickets);
        cut.WaitForAssertion(() => Assert.Contains("HW-000001", cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void ContactForm_StoreFails_KeepsTheDraft_AndARetryUsesTheSameKey()
    {
        var cut = OpenContactForm();
        Fill(cut);
        var attempts = new List<string>();
        Store.FailWith = t =>
        {
            attempts.Add(t.IdempotencyKey);
            return attempts.Count == 1 ? new IOException("disk full") : null;
        };

        cut.Find("form").Submit();

        Assert.Contains("Your request could not be sent.", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal("VPN drops every hour", cut.FindByLabel("Subject").GetAttribute("value"));

        cut.Find("form").Submit();

        Assert.Single(Store.Tickets);
        Assert.Equal(attempts[0], attempts[1]);
    }

    [Fact]
    public void ContactForm_KnownUser_PrefillsNameAndEmailReadOnly()
    {
        var cut = Render<HelpLauncher>(p => p.Add(l => l.User, new HelpUser { DisplayName = "Alex Lindqvist", Email = "alex@nordhav.example" }));
        cut.FindButton("Help").Click();
        cut.FindButton("Contact support").Click();

        var name = cut.FindByLabel("Your name");
        Assert.Equal("Alex Lindqvist", name.GetAttribute("value"));
        Assert.True(name.HasAttribute("readonly"));
        Assert.True(cut.FindByLabel("Your e-mail address").HasAttribute("readonly"));
    }

    private IRenderedComponent<HelpLauncher> OpenPanel()
    {
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        return cut;
    }

    private IRenderedComponent<HelpLauncher> OpenArticle()
    {
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "Connect to the VPN");
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.Find(".hw-hit button").Click();
        return cut;
    }

    private IRenderedComponent<HelpLauncher> OpenContactForm(bool searchFirst = false)
    {
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        var cut = OpenPanel();
        if (searchFirst)
        {
            cut.FindByLabel("Search help articles").Input("vpn");
        }

        cut.FindButton("Contact support").Click();
        return cut;
    }

    private static void Fill(IRenderedComponent<HelpLauncher> cut, string email = "alex@nordhav.example", string description = "It disconnects.")
    {
        cut.FindByLabel("Your name").Change("Alex Lindqvist");
        cut.FindByLabel("Your e-mail address").Change(email);
        cut.FindByLabel("Subject").Input("VPN drops every hour");
        cut.FindByLabel("Describe the problem").Input(description);
    }
}
