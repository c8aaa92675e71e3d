namespace HelpWidget.Tests.Contact;

public sealed class ContactRulesTests
{
    private static readonly HelpContext s_expenses = new() { Route = "/expenses/new", Keys = ["expenses"] };

    [Fact]
    public void IsOffered_Always_OffersContactBeforeAnySelfService()
    {
        var contact = new HelpContactOptions();

        Assert.True(contact.IsOffered(s_expenses, HelpUser.Anonymous, new HelpSession().Activity));
    }

    [Fact]
    public void IsOffered_AfterSelfService_WaitsForASearchOrAnArticle()
    {
        var contact = new HelpContactOptions { Policy = ContactPolicy.AfterSelfService };
        var searched = new HelpSession();
        var read = new HelpSession();
        searched.RecordSearch("vpn", 0);
        read.RecordArticle("vpn-connect", "en");

        Assert.False(contact.IsOffered(s_expenses, HelpUser.Anonymous, new HelpSession().Activity));
        Assert.True(contact.IsOffered(s_expenses, HelpUser.Anonymous, searched.Activity));
        Assert.True(contact.IsOffered(s_expenses, HelpUser.Anonymous, read.Activity));
    }

    [Fact]
    public void IsOffered_ARuleForThePlaceOrAudience_Wins()
    {
        var contact = new HelpContactOptions();
        contact.Rules.Add(new ContactPolicyRule { Context = "/expenses", Policy = ContactPolicy.Never });
        contact.Rules.Add(new ContactPolicyRule { Audience = "contractors", Policy = ContactPolicy.Never });
        var employee = new HelpUser { Id = "alex", Audiences = ["employees"] };
        var contractor = new HelpUser { Id = "kim", Audiences = ["contractors"] };
        var activity = new HelpSession().Activity;

        Assert.False(contact.IsOffered(s_expenses, employee, activity));
        Assert.True(contact.IsOffered(new HelpContext { Route = "/leave" }, employee, activity));
        Assert.False(contact.IsOffered(new HelpContext { Route = "/leave" }, contractor, activity));
    }

    [Fact]
    public void IsOffered_NoFormAndNoChannel_OffersNothingWhateverThePolicy()
    {
        var contact = new HelpContactOptions { TicketForm = false };

        Assert.False(contact.IsOffered(s_expenses, HelpUser.Anonymous, new HelpSession().Activity));

        contact.Email = "support@nordhav.example";
        Assert.True(contact.IsOffered(s_expenses, HelpUser.Anonymous, new HelpSession().Activity));
    }

    [Fact]
    public void OffersChannelsOffline_EvenBeforeSelfService_ButNotWhereNoContactIsOffered()
    {
        var contact = new HelpContactOptions { Policy = ContactPolicy.AfterSelfService, Phone = new ContactChannel { Address = "+46 8 123 456 00" } };
        contact.Rules.Add(new ContactPolicyRule { Context = "/payroll", Policy = ContactPolicy.Never });

        Assert.True(contact.OffersChannelsOffline(s_expenses, HelpUser.Anonymous));
        Assert.False(contact.OffersChannelsOffline(new HelpContext { Route = "/payroll/slips" }, HelpUser.Anonymous));
    }

    [Fact]
    public void OffersChannelsOffline_OnlyTheTicketForm_HasNothingToOffer()
    {
        var contact = new HelpContactOptions();

        Assert.False(contact.OffersChannelsOffline(s_expenses, HelpUser.Anonymous));
    }
}
