using System.Globalization;
using Bunit;

namespace HelpWidget.Components.Tests;

/// <summary>The contact form checks fields with the rules the store applies, and says what is wrong in the user's language.</summary>
public sealed class ContactFormValidationTests : HelpWidgetTestContext
{
    /// <summary>The subject carries half of an emoji's surrogate pair: built in code, since an attribute's string cannot hold it.</summary>
    private static readonly string s_loneSurrogate = "VPN " + '\uD83D' + " drops";

    [Theory]
    [InlineData("en", "Help", "Contact support", "Subject", "This field contains characters that cannot be read. Remove them or type the text again.")]
    [InlineData("sv-SE", "Hjälp", "Kontakta supporten", "Ämne", "Fältet innehåller tecken som inte går att läsa. Ta bort dem eller skriv texten på nytt.")]
    public void Send_LoneSurrogateInSubject_MarksTheFieldWithTheLocalisedMessage(string culture, string help, string contact, string subjectLabel, string message)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var cut = Render<HelpLauncher>();
        cut.FindButton(help).Click();
        cut.FindButton(contact).Click();
        FillValid(cut);
        cut.FindByLabel(subjectLabel).Input(s_loneSurrogate);

        cut.Find("form").Submit();

        var subject = cut.FindByLabel(subjectLabel);
        Assert.Equal("true", subject.GetAttribute("aria-invalid"));
        Assert.Equal(message, cut.Find($"#{subject.GetAttribute("aria-describedby")}").TextContent);
        Assert.Empty(Store.Tickets);
    }

    /// <summary>Enumerated when the test runs: a discovered test case's serialised data would not keep a lone surrogate.</summary>
    public static TheoryData<string, string, string> HostileTexts() => new()
    {
        { "Describe the problem", "It broke" + '\uDC00' + ".", "This field contains characters that cannot be read. Remove them or type the text again." },
        { "Your name", "Alex " + '\uDBFF', "This field contains characters that cannot be read. Remove them or type the text again." },
        { "Subject", "VPN\u0000drops", "Remove the control characters from this field." },
        { "Subject", "VPN\ndrops", "Remove the control characters from this field." },
    };

    [Theory]
    [MemberData(nameof(HostileTexts), DisableDiscoveryEnumeration = true)]
    public void Send_HostileText_IsExplainedOnItsField(string label, string text, string message)
    {
        var cut = OpenContactForm();
        FillValid(cut);
        if (label == "Your name")
        {
            cut.FindByLabel(label).Change(text);
        }
        else
        {
            cut.FindByLabel(label).Input(text);
        }


        cut.Find("form").Submit();

        var field = cut.FindByLabel(label);
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains(field.GetAttribute("aria-describedby")!.Split(' '), id => cut.FindAll($"#{id}").SingleOrDefault()?.TextContent == message);
        Assert.Empty(Store.Tickets);
    }

    [Fact]
    public void Send_NameOverTheLimit_SaysTheLimit()
    {
        var cut = OpenContactForm();
        FillValid(cut);
        cut.FindByLabel("Your name").Change(new string('a', TicketSubmission.MaxContactLength + 1));

        cut.Find("form").Submit();

        Assert.Equal($"Use at most {TicketSubmission.MaxContactLength} characters.", cut.Find($"#{cut.FindByLabel("Your name").GetAttribute("aria-describedby")}").TextContent);
    }

    [Fact]
    public void Send_EmojiAndScriptText_AreAcceptedAsText()
    {
        var cut = OpenContactForm();
        FillValid(cut);
        cut.FindByLabel("Subject").Input("VPN 🔐 <script>alert(1)</script>");

        cut.Find("form").Submit();

        Assert.Equal("VPN 🔐 <script>alert(1)</script>", Assert.Single(Store.Tickets).Subject);
    }

    private IRenderedComponent<HelpLauncher> OpenContactForm()
    {
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        cut.FindButton("Contact support").Click();
        return cut;
    }

    private static void FillValid(IRenderedComponent<HelpLauncher> cut)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        cut.FindByLabel(english ? "Your name" : "Ditt namn").Change("Alex Lindqvist");
        cut.FindByLabel(english ? "Your e-mail address" : "Din e-postadress").Change("alex@nordhav.example");
        cut.FindByLabel(english ? "Subject" : "Ämne").Input("VPN drops every hour");
        cut.FindByLabel(english ? "Describe the problem" : "Beskriv problemet").Input("It disconnects.");
    }
}
