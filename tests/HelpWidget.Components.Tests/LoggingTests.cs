using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HelpWidget.Components.Tests;

/// <summary>Every failure the user is told about is logged, and no log message carries what the user typed.</summary>
public sealed class LoggingTests() : HelpWidgetTestContext(builder => builder.Services.AddFakeLogging())
{
    private const string PersonalQuery = "vpn for anna.berg@example.com";

    private FakeLogCollector Logs => Services.GetFakeLogCollector();

    [Fact]
    public void Search_ProviderFails_LogsTheFailureWithoutTheQuery()
    {
        var error = new InvalidOperationException("index gone");
        Knowledge.OnSearch = _ => throw error;
        var cut = OpenPanel();

        cut.FindByLabel("Search help articles").Input(PersonalQuery);

        var record = Assert.Single(Logs.GetSnapshot(), r => r.Category == typeof(HelpPanel).FullName);
        Assert.Equal((LogLevel.Error, 2, error), (record.Level, record.Id.Id, record.Exception));
        AssertNoUserText("vpn for", "anna.berg");
    }

    [Fact]
    public void Suggestions_ProviderFails_LogsAWarning()
    {
        Knowledge.OnSuggest = _ => throw new TimeoutException("slow index");

        OpenPanel();

        var record = Assert.Single(Logs.GetSnapshot(), r => r.Category == typeof(HelpPanel).FullName);
        Assert.Equal((LogLevel.Warning, 1), (record.Level, record.Id.Id));
        Assert.IsType<TimeoutException>(record.Exception);
    }

    [Fact]
    public void Article_ProviderFails_LogsTheArticleId()
    {
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        Knowledge.OnGetArticle = _ => throw new IOException("disk");
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input(PersonalQuery);

        cut.FindButton("VPN").Click();

        Assert.Contains("This article is not available.", cut.Markup, StringComparison.Ordinal);
        var record = Assert.Single(Logs.GetSnapshot(), r => r.Id.Id == 3);
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Contains("'vpn-connect'", record.Message, StringComparison.Ordinal);
        AssertNoUserText("anna.berg");
    }

    [Fact]
    public void RelatedArticle_ProviderFails_LogsItsIdAndShowsTheArticle()
    {
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        Knowledge.OnGetArticle = r => r.ArticleId == "vpn-connect"
            ? new HelpArticle { Id = "vpn-connect", Language = "en", Title = "Connect to the VPN", Related = ["vpn-troubleshoot"] }
            : throw new IOException("disk");
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("vpn");

        cut.FindButton("VPN").Click();

        Assert.Equal("Connect to the VPN", cut.Find("article h3").TextContent);
        var record = Assert.Single(Logs.GetSnapshot(), r => r.Category == typeof(HelpArticleView).FullName);
        Assert.Equal((LogLevel.Warning, 8), (record.Level, record.Id.Id));
        Assert.Contains("'vpn-troubleshoot'", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feedback_StoreFails_SaysSo_AndLogsTheArticleId()
    {
        Store.FailFeedbackWith = _ => new IOException("disk full");
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        Knowledge.OnGetArticle = r => Article(r.ArticleId, "Connect to the VPN");
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input(PersonalQuery);
        cut.FindButton("VPN").Click();

        cut.FindButton("Yes").Click();

        Assert.Equal("Your answer could not be saved. Please try again.", cut.Find(".hw-feedback [role=status]").TextContent);
        var record = Assert.Single(Logs.GetSnapshot(), r => r.Category == typeof(HelpArticleView).FullName);
        Assert.Equal((LogLevel.Error, 9), (record.Level, record.Id.Id));
        Assert.Contains("'vpn-connect'", record.Message, StringComparison.Ordinal);
        AssertNoUserText("anna.berg");
    }

    [Fact]
    public void ContactForm_StoreFails_LogsTheFailureWithoutWhatTheUserTyped()
    {
        Store.FailWith = _ => new IOException("disk full");
        var cut = OpenContactForm();

        cut.Find("form").Submit();

        Assert.Contains("Your request could not be sent.", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        var record = Assert.Single(Logs.GetSnapshot(), r => r.Category == typeof(HelpContactForm).FullName);
        Assert.Equal((LogLevel.Error, 5), (record.Level, record.Id.Id));
        Assert.IsType<IOException>(record.Exception);
        AssertNoUserText("Alex", "alex@nordhav.example", "VPN drops", "disconnects");
    }

    [Fact]
    public void ContactForm_SuggestionsFail_LogsAWarningWithoutTheSubject()
    {
        Knowledge.OnSearch = _ => throw new InvalidOperationException("index gone");
        var cut = OpenPanel();
        cut.FindButton("Contact support").Click();

        cut.FindByLabel("Subject").Input("Printer on floor 3 jams");

        var record = Assert.Single(Logs.GetSnapshot(), r => r.Category == typeof(HelpContactForm).FullName);
        Assert.Equal((LogLevel.Warning, 7), (record.Level, record.Id.Id));
        AssertNoUserText("Printer", "floor 3");
    }

    [Fact]
    public void Solved_StoreFails_ClosesTheFormAnyway_AndLogsTheArticleId()
    {
        Knowledge.OnSearch = _ => Hits(("printer-jam", "Clear a paper jam"));
        Store.FailFeedbackWith = _ => new IOException("disk full");
        var cut = OpenPanel();
        cut.FindButton("Contact support").Click();
        cut.FindByLabel("Subject").Input("Printer for anna.berg@example.com jams");

        cut.FindButton("This solved my problem: Clear a paper jam").Click();

        Assert.Contains("Glad the article helped.", cut.Markup, StringComparison.Ordinal);
        var record = Assert.Single(Logs.GetSnapshot(), r => r.Id.Id == 4 && r.Category == typeof(HelpPanel).FullName);
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Contains("'printer-jam'", record.Message, StringComparison.Ordinal);
        AssertNoUserText("Printer for", "anna.berg");
    }

    /// <summary>No message logged by the components (the text a log sink writes) holds any of these pieces of user text.</summary>
    private void AssertNoUserText(params string[] texts)
    {
        foreach (var record in Logs.GetSnapshot().Where(r => r.Category?.StartsWith("HelpWidget", StringComparison.Ordinal) == true))
        {
            Assert.All(texts, text => Assert.DoesNotContain(text, record.Message, StringComparison.OrdinalIgnoreCase));
        }
    }

    private IRenderedComponent<HelpLauncher> OpenPanel()
    {
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        return cut;
    }

    private IRenderedComponent<HelpLauncher> OpenContactForm()
    {
        var cut = OpenPanel();
        cut.FindButton("Contact support").Click();
        cut.FindByLabel("Your name").Change("Alex Lindqvist");
        cut.FindByLabel("Your e-mail address").Change("alex@nordhav.example");
        cut.FindByLabel("Subject").Input("VPN drops every hour");
        cut.FindByLabel("Describe the problem").Input("It disconnects.");
        return cut;
    }
}
