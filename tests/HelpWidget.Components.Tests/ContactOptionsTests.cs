using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Components.Tests;

/// <summary>The contact policy, channels, categories, custom fields, deflection and the preview of what is sent.</summary>
public sealed class ContactOptionsTests : HelpWidgetTestContext
{
    /// <summary>The options the components read (IOptions caches one instance), changed before rendering.</summary>
    private HelpContactOptions Contact => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HelpWidgetOptions>>().Value.Contact;

    [Fact]
    public void AfterSelfService_OffersContactOnlyOnceTheUserSearched()
    {
        Contact.Policy = ContactPolicy.AfterSelfService;
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        Assert.False(cut.HasButton("Contact support"));

        cut.FindByLabel("Search help articles").Input("vpn");

        Assert.True(cut.HasButton("Contact support"));
    }

    [Fact]
    public async Task AfterSelfService_AnAppsContactRequest_SearchesTheSubjectFirst_WithTheFormFilledInBehindIt()
    {
        Contact.Policy = ContactPolicy.AfterSelfService;
        Knowledge.OnSearch = r => Hits(("account-lockout", "Unlock your account"));
        var cut = Render<HelpLauncher>();

        await cut.InvokeAsync(() => Services.GetRequiredService<HelpSession>().StartContactAsync("Locked out of my account", "Since this morning"));

        Assert.Equal("Locked out of my account", cut.FindByLabel("Search help articles").GetAttribute("value"));
        Assert.True(cut.HasButton("Unlock your account"));
        cut.FindButton("Contact support").Click();
        Assert.Equal("Locked out of my account", cut.FindByLabel("Subject").GetAttribute("value"));
        Assert.Equal("Since this morning", cut.FindByLabel("Describe the problem").GetAttribute("value"));
    }

    [Fact]
    public async Task Never_OffersNoContact_AndIgnoresRequestsForIt()
    {
        Contact.Rules.Add(new ContactPolicyRule { Context = "/", Policy = ContactPolicy.Never });
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        Knowledge.OnGetArticle = _ => Article("vpn-connect", "VPN");
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.FindButton("VPN").Click();
        cut.FindButton("No").Click();

        await cut.InvokeAsync(() => Services.GetRequiredService<HelpSession>().StartContactAsync("x"));

        Assert.False(cut.HasButton("Contact support"));
        Assert.Empty(cut.FindAll("form.hw-form"));
    }

    [Fact]
    public void Channels_SayWhetherTheyAreOpen_InTheirOwnTimeZone()
    {
        // 08:30 UTC on Monday 23 November 2026 is 09:30 in Stockholm and 16:30 in Tokyo.
        Contact.Email = "servicedesk@example.com";
        Contact.Phone = new ContactChannel { Address = "+46 8 555 010 00", Hours = Hours("Europe/Stockholm") };
        Contact.Chat = new ContactChannel { Address = "https://chat.example.com/support", Hours = Hours("Asia/Tokyo") };
        var cut = OpenContactForm();

        var channels = cut.Find(".hw-channels");
        Assert.Equal("mailto:servicedesk@example.com", channels.QuerySelector("a[href^=mailto]")!.GetAttribute("href"));
        Assert.Equal("tel:+46855501000", channels.QuerySelector("a[href^=tel]")!.GetAttribute("href"));
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        Assert.Equal(
            [$"Open now, until {new TimeOnly(16, 30).ToString("t", culture)} (Stockholm time)", $"Closed now, opens {new DateTime(2026, 11, 24).ToString("dddd", culture)} at {new TimeOnly(8, 0).ToString("t", culture)} (Tokyo time)"],
            channels.QuerySelectorAll(".hw-channel-status").Select(e => e.TextContent));
        Assert.Null(channels.QuerySelector("a[href^=https]"));
    }

    [Fact]
    public void Channel_OpenEveryDayAroundTheClock_SaysSo()
    {
        var hours = new OpeningHours { TimeZone = "Europe/Stockholm", Opens = TimeOnly.MinValue, Closes = TimeOnly.MinValue };
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            hours.Days.Add(day);
        }

        Contact.Phone = new ContactChannel { Address = "+46 8 555 010 00", Hours = hours };
        var cut = OpenContactForm();

        Assert.Equal("Open around the clock", cut.Find(".hw-channel-status").TextContent);
    }

    [Fact]
    public void CategoriesAndFields_AreValidated_AndTravelWithTheTicket()
    {
        Contact.Categories.Add(new ContactCategory { Key = "hardware", Label = "Hardware" });
        Contact.Fields.Add(new ContactField { Key = "asset", Label = "Asset tag" });
        Contact.Fields.Add(new ContactField { Key = "urgency", Label = "Urgency", Kind = ContactFieldKind.Choice, Required = true, Choices = { "Low", "High" } });
        Contact.Fields.Add(new ContactField { Key = "ok", Label = "I may be called", Kind = ContactFieldKind.Checkbox });
        var cut = OpenContactForm();
        Fill(cut);

        cut.Find("form").Submit();

        Assert.Empty(Store.Tickets);
        Assert.Equal("true", cut.FindByLabel("Category").GetAttribute("aria-invalid"));
        Assert.Equal("true", cut.FindByLabel("Urgency").GetAttribute("aria-invalid"));
        Assert.Null(cut.FindByLabel("Asset tag (optional)").GetAttribute("aria-invalid"));

        cut.FindByLabel("Category").Change("hardware");
        cut.FindByLabel("Asset tag (optional)").Change("NH-04512");
        cut.FindByLabel("Urgency").Change("Not a choice");
        cut.Find("form").Submit();
        Assert.Empty(Store.Tickets);
        Assert.Equal("Choose one of the options.", cut.Find($"#{cut.FindByLabel("Urgency").GetAttribute("aria-describedby")}").TextContent);

        cut.FindByLabel("Urgency").Change("High");
        cut.FindByLabel("I may be called").Change(true);
        cut.Find("form").Submit();

        var ticket = Assert.Single(Store.Tickets);
        Assert.Equal("hardware", ticket.Category);
        Assert.Equal(new Dictionary<string, string> { ["asset"] = "NH-04512", ["urgency"] = "High", ["ok"] = "true" }, ticket.Fields);
    }

    [Fact]
    public void WhileTyping_ArticlesAreSuggested_AndSolvedClosesTheFormWithoutATicket()
    {
        Knowledge.OnSearch = r => r.Query!.Contains("printer", StringComparison.Ordinal) ? Hits(("printer-queue", "Clear a stuck print queue")) : SearchResults.Empty;
        var deflected = new List<string>();
        Services.GetRequiredService<HelpSession>().Deflected += (_, e) => deflected.Add(e.ArticleId);
        var cut = OpenContactForm();

        cut.FindByLabel("Subject").Input("The printer");

        Assert.Equal("These articles may answer your question", cut.Find(".hw-deflection h4").TextContent);
        cut.FindButton("This solved my problem: Clear a stuck print queue").Click();

        Assert.Equal(["printer-queue"], deflected);
        var answer = Assert.Single(Store.Feedback);
        Assert.Equal(("printer-queue", true, "The printer"), (answer.ArticleId, answer.Helpful, answer.Query));
        Assert.Empty(Store.Tickets);
        Assert.Empty(cut.FindAll("form.hw-form"));
        Assert.Contains("Glad the article helped.", cut.Markup, StringComparison.Ordinal);
        cut.FindButton("Contact support").Click();
        Assert.Equal(string.Empty, cut.FindByLabel("Subject").GetAttribute("value") ?? string.Empty);
    }

    [Fact]
    public void Preview_ShowsExactlyTheContextThatIsStored()
    {
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.FindButton("Contact support").Click();
        Fill(cut);

        var shown = cut.FindAll("details.hw-preview dd").Select(d => d.TextContent).ToList();
        var names = cut.Find("details.hw-preview").TextContent;
        cut.Find("form").Submit();

        var ticket = Assert.Single(Store.Tickets);
        Assert.Equal(ticket.Context.Values, shown);
        Assert.Contains("Searches you tried", names, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithMistakes_FailAtStartWithEveryProblemNamed()
    {
        var options = new HelpWidgetOptions();
        options.Contact.Email = "not an address";
        options.Contact.Phone = new ContactChannel { Address = "call me maybe", Hours = new OpeningHours { TimeZone = "Nowhere/City" } };
        options.Contact.Chat = new ContactChannel { Address = "javascript:alert(1)" };
        options.Contact.Fields.Add(new ContactField { Key = "bad key", Label = "x" });
        options.Contact.Fields.Add(new ContactField { Key = "pick", Label = "Pick", Kind = ContactFieldKind.Choice });
        options.Contact.Rules.Add(new ContactPolicyRule { Policy = ContactPolicy.Never });

        var result = Services.GetRequiredService<Microsoft.Extensions.Options.IValidateOptions<HelpWidgetOptions>>().Validate(null, options);

        Assert.True(result.Failed);
        foreach (var expected in new[] { "Contact:Email", "Contact:Phone:Address", "Nowhere/City", "Contact:Chat:Address", "'bad key'", "'pick' is a choice without Choices", "neither Context nor Audience" })
        {
            Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SignedInUser_FromTheAuthenticationState_IsFilledInAndReadOnly()
    {
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "Alex Lindqvist"), new(System.Security.Claims.ClaimTypes.Email, "alex@nordhav.example")], "test"));
        var state = Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(principal));

        var cut = Render<Microsoft.AspNetCore.Components.CascadingValue<Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>>>(p => p
            .Add(c => c.Value, state)
            .AddChildContent<HelpLauncher>());
        cut.FindButton("Help").Click();
        cut.FindButton("Contact support").Click();

        Assert.Equal("Alex Lindqvist", cut.FindByLabel("Your name").GetAttribute("value"));
        Assert.True(cut.FindByLabel("Your name").HasAttribute("readonly"));
        Assert.Equal("alex@nordhav.example", cut.FindByLabel("Your e-mail address").GetAttribute("value"));
        Assert.True(cut.FindByLabel("Your e-mail address").HasAttribute("readonly"));
    }

    [Fact]
    public void Attachments_CheckedByContent_TravelWithTheTicket()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];
        var cut = OpenContactForm();
        Fill(cut);

        cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromBinary(png, "screen shot.png", contentType: "image/png"));

        Assert.Contains("screen shot.png", cut.Find("ul.hw-files").TextContent, StringComparison.Ordinal);
        cut.Find("form").Submit();
        var attachment = Assert.Single(Assert.Single(Store.Tickets).Attachments);
        Assert.Equal("image/png", attachment.ContentType);
        Assert.Equal(png, attachment.Content.ToArray());
    }

    [Fact]
    public void Attachments_ProgramNamedAsAPicture_IsRefusedWithAMessage_AndNothingIsStored()
    {
        var cut = OpenContactForm();
        Fill(cut);

        cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromBinary([(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0], "holiday.png", contentType: "image/png"));
        cut.Find("form").Submit();

        Assert.Empty(Store.Tickets);
        var input = cut.FindByLabel("Attachments (optional)");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains("holiday.png", cut.Find(".hw-field-error").TextContent, StringComparison.Ordinal);

        cut.FindButton("Remove holiday.png").Click();
        cut.Find("form").Submit();
        Assert.Empty(Assert.Single(Store.Tickets).Attachments);
    }

    [Fact]
    public void Context_PersonalDataTypedIntoSearch_IsScrubbedBeforeItIsShownOrSent()
    {
        Knowledge.OnSearch = _ => SearchResults.Empty;
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        cut.FindByLabel("Search help articles").Input("locked out 811218-9876 alex@nordhav.example");
        cut.FindButton("Contact support").Click();
        Fill(cut);

        Assert.DoesNotContain("811218-9876", cut.Find("details.hw-preview").TextContent, StringComparison.Ordinal);
        cut.Find("form").Submit();

        var searches = Assert.Single(Store.Tickets).Context["searches"];
        Assert.Equal("locked out [personal number] [e-mail] (0)", searches);
    }

    [Fact]
    public void ErrorOfAField_GoesWhenTheUserCorrectsIt_OthersStay()
    {
        var cut = OpenContactForm();
        cut.Find("form").Submit();
        Assert.Equal("true", cut.FindByLabel("Subject").GetAttribute("aria-invalid"));

        cut.FindByLabel("Subject").Input("Printer");

        Assert.Null(cut.FindByLabel("Subject").GetAttribute("aria-invalid"));
        Assert.Equal("true", cut.FindByLabel("Your name").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void HostValuesAndTimeZone_TravelWithTheTicket_ScrubbedAndValidated()
    {
        var session = Services.GetRequiredService<HelpSession>();
        session.Context.Values["order"] = "Order QX-17, call 070-123 45 67";
        session.Context.Values["bad key!"] = "left out";
        session.Context.Values["page"] = "cannot replace the widget's own";
        var cut = OpenContactForm();
        cut.Instance.ReportTimeZone("Europe/Helsinki");
        cut.Instance.ReportTimeZone("<script>");
        Fill(cut);

        cut.Find("form").Submit();

        var context = Assert.Single(Store.Tickets).Context;
        Assert.Equal("Order QX-17, call [phone]", context["order"]);
        Assert.False(context.ContainsKey("bad key!"));
        Assert.Equal("/", context["page"]);
        Assert.Equal("Europe/Helsinki", context["timeZone"]);
    }

    [Fact]
    public void Draft_SurvivesClosingThePanelByAccident()
    {
        var cut = OpenContactForm();
        Fill(cut);

        cut.FindButton("Close help").Click();
        cut.FindButton("Help").Click();

        Assert.Equal("VPN drops every hour", cut.FindByLabel("Subject").GetAttribute("value"));
        Assert.Equal("It disconnects.", cut.FindByLabel("Describe the problem").GetAttribute("value"));
    }

    [Fact]
    public void ContactFormKeptInTheSession_IsNotShownOnAPageThatOffersNoContact()
    {
        Contact.Rules.Add(new ContactPolicyRule { Context = "/admin", Policy = ContactPolicy.Never });
        var cut = OpenContactForm();
        Assert.NotEmpty(cut.FindAll("form.hw-form"));

        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/admin/users");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("form.hw-form")));
        Assert.False(cut.HasButton("Contact support"));
    }

    [Fact]
    public void CustomFields_KeysDifferingOnlyInCase_GetTheirOwnIdsAndErrors()
    {
        Contact.Fields.Add(new ContactField { Key = "Asset.Tag", Label = "First" });
        Contact.Fields.Add(new ContactField { Key = "asset_tag", Label = "Second", Required = true });
        var cut = OpenContactForm();
        Fill(cut);

        cut.Find("form").Submit();

        var first = cut.FindByLabel("First (optional)");
        var second = cut.FindByLabel("Second");
        Assert.NotEqual(first.Id, second.Id);
        Assert.Null(first.GetAttribute("aria-invalid"));
        Assert.Equal("true", second.GetAttribute("aria-invalid"));
        Assert.Equal("Fill in this field.", cut.Find($"#{second.GetAttribute("aria-describedby")}").TextContent);
    }

    private static OpeningHours Hours(string zone) => new() { TimeZone = zone, Opens = new TimeOnly(8, 0), Closes = new TimeOnly(16, 30) };

    private IRenderedComponent<HelpLauncher> OpenContactForm()
    {
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        cut.FindButton("Contact support").Click();
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
