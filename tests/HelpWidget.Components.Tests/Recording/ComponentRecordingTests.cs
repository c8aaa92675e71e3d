using System.Security.Claims;
using Bunit;
using HelpWidget.Insights;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Components.Tests.Recording;

/// <summary>
/// The widget's components record every kind of insight event: each test drives the real components as a person would
/// and waits until the event reaches a sink through the background writer, hashed and scrubbed as a store gets it.
/// </summary>
public sealed class ComponentRecordingTests : HelpWidgetTestContext
{
    private const string Secret = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private readonly RecordingSink _sink;
    private HelpEventWriter? _writer;

    public ComponentRecordingTests()
        : this(new RecordingSink())
    {
    }

    private ComponentRecordingTests(RecordingSink sink)
        : base(builder =>
        {
            builder.AddHelpEventSink(sink).AddHelpInsights(o => o.UserKeySecret = Secret);
            builder.Services.AddSingleton<IAnnouncementSource>(new OneAnnouncement());
            builder.Services.AddCascadingAuthenticationState();
            builder.Services.AddSingleton<AuthenticationStateProvider>(sink.Authentication);
        })
    {
        _sink = sink;
        Knowledge.OnGetArticle = r => r.ArticleId switch
        {
            "vpn-connect" => new HelpArticle { Id = "vpn-connect", Language = "en", Title = "Connect to the VPN", Summary = "VPN", Html = "<p>Body</p>", Related = ["vpn-reset"] },
            "vpn-reset" => Article("vpn-reset", "Reset your VPN token"),
            "expense-mileage" => Article("expense-mileage", "Claim mileage"),
            _ => null,
        };
    }

    private HelpSession Session => Services.GetRequiredService<HelpSession>();

    protected override void Dispose(bool disposing)
    {
        _writer?.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        base.Dispose(disposing);
    }

    /// <summary>Starts the background writer, as the host does; after it, no service can be added.</summary>
    private async Task StartRecordingAsync()
    {
        _writer = Services.GetRequiredService<HelpEventWriter>();
        await _writer.StartAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Launcher_SignedInUser_EveryHelpSessionCarriesTheKeyedHashOfTheirId()
    {
        await StartRecordingAsync();
        var cut = Render<HelpLauncher>(p => p.Add(l => l.User, new HelpUser { Id = "anna.berg", DisplayName = "Anna Berg", Email = "anna@nordhav.example" }));

        cut.FindButton("Help").Click();
        await cut.InvokeAsync(Session.CloseAsync);
        Time.Advance(TimeSpan.FromMinutes(31));
        cut.FindButton("Help").Click();

        var starts = (await _sink.WaitUntilAsync(e => e.Count(x => x.Kind == HelpEventKind.SessionStarted) == 2)).Where(e => e.Kind == HelpEventKind.SessionStarted).ToList();
        var expected = UserKeys.Hash(UserKeys.DecodeSecret(Secret)!, "user", "anna.berg");
        Assert.All(starts, e => Assert.Equal(expected, e.UserKey));
        Assert.NotEqual(starts[0].SessionId, starts[1].SessionId);
        Assert.DoesNotContain(_sink.Events, e => e.UserKey.Contains("anna", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Launcher_UserFromTheAuthenticationState_IsTheSessionsUser()
    {
        _sink.Authentication.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u-4711"), new Claim(ClaimTypes.Name, "Anna Berg")], "Test"));
        await StartRecordingAsync();
        var cut = Render<HelpLauncher>();

        cut.FindButton("Help").Click();

        var start = await _sink.WaitForAsync(e => e.Kind == HelpEventKind.SessionStarted);
        Assert.Equal(UserKeys.Hash(UserKeys.DecodeSecret(Secret)!, "user", "u-4711"), start.UserKey);
    }

    [Fact]
    public async Task Launcher_Anonymous_IsHashedAsTheCircuitNotAsAUser()
    {
        await StartRecordingAsync();
        var cut = Render<HelpLauncher>();

        cut.FindButton("Help").Click();

        var start = await _sink.WaitForAsync(e => e.Kind == HelpEventKind.SessionStarted);
        Assert.Matches("^[0-9a-f]{32}$", start.UserKey);
        Assert.NotEqual(UserKeys.Hash(UserKeys.DecodeSecret(Secret)!, "user", string.Empty), start.UserKey);
    }

    [Fact]
    public async Task Panel_SuggestionsShownOnOpening_AndASuggestionOpened_AreRecordedAsSuggestions()
    {
        await StartRecordingAsync();
        Knowledge.OnSuggest = _ => Hits(("vpn-connect", "Connect to the VPN"), ("expense-mileage", "Claim mileage"));
        var cut = Render<HelpLauncher>();

        cut.FindButton("Help").Click();
        var shown = await _sink.WaitForAsync(e => e.Kind == HelpEventKind.SuggestionShown);
        cut.FindButton("Claim mileage").Click();

        var viewed = await _sink.WaitForAsync(e => e.Kind == HelpEventKind.ArticleViewed);
        Assert.Equal(2, shown.ResultCount);
        Assert.Equal(("expense-mileage", HelpArticleSource.Suggestion), (viewed.ArticleId, viewed.Source));
        Assert.Equal(shown.SessionId, viewed.SessionId);
    }

    [Fact]
    public async Task Panel_NoSuggestions_RecordsNoSuggestionShown()
    {
        await StartRecordingAsync();
        var cut = Render<HelpLauncher>();
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "Connect to the VPN"));

        cut.FindButton("Help").Click();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.FindButton("Connect to the VPN").Click();

        var events = await _sink.WaitUntilAsync(e => e.Any(x => x.Kind == HelpEventKind.ArticleViewed));
        Assert.DoesNotContain(events, e => e.Kind == HelpEventKind.SuggestionShown);
    }

    [Fact]
    public async Task Panel_SearchResultAndThenARelatedArticle_AreRecordedWithTheirSources()
    {
        await StartRecordingAsync();
        Knowledge.OnSearch = r => r.Query.StartsWith("vpn", StringComparison.Ordinal) ? Hits(("vpn-connect", "Connect to the VPN")) : SearchResults.Empty;
        var cut = Render<HelpLauncher>();

        cut.FindButton("Help").Click();
        cut.FindByLabel("Search help articles").Input("vpn");
        cut.FindButton("Connect to the VPN").Click();
        cut.WaitForAssertion(() => cut.FindButton("Reset your VPN token"));
        cut.FindButton("Reset your VPN token").Click();

        var events = await _sink.WaitUntilAsync(e => e.Count(x => x.Kind == HelpEventKind.ArticleViewed) == 2);
        var search = Assert.Single(events, e => e.Kind == HelpEventKind.Search);
        Assert.Equal(("vpn", 1), (search.Query, search.ResultCount));
        Assert.Equal(
            [("vpn-connect", HelpArticleSource.Search), ("vpn-reset", HelpArticleSource.Related)],
            events.Where(e => e.Kind == HelpEventKind.ArticleViewed).Select(e => (e.ArticleId, e.Source)));
    }

    [Fact]
    public async Task FieldHelp_OpensTheArticle_RecordedAsFieldHelp()
    {
        await StartRecordingAsync();
        Render<HelpLauncher>();
        var help = Render<HelpFieldHelp>(p => p.Add(h => h.ArticleId, "expense-mileage").Add(h => h.Label, "Category"));

        help.FindButton("Help with Category").Click();

        var viewed = await _sink.WaitForAsync(e => e.Kind == HelpEventKind.ArticleViewed);
        Assert.Equal(("expense-mileage", HelpArticleSource.FieldHelp), (viewed.ArticleId, viewed.Source));
    }

    [Fact]
    public async Task AppDeepLink_AfterASearch_IsStillADeepLink()
    {
        await StartRecordingAsync();
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "Connect to the VPN"));
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        cut.FindByLabel("Search help articles").Input("vpn");

        await cut.InvokeAsync(() => Session.ShowArticleAsync("expense-mileage"));

        var viewed = await _sink.WaitForAsync(e => e.Kind == HelpEventKind.ArticleViewed);
        Assert.Equal(("expense-mileage", HelpArticleSource.DeepLink), (viewed.ArticleId, viewed.Source));
    }

    [Fact]
    public async Task ContactForm_Opened_RecordsContactStartedOnce_AndItsSuggestionOpenedIsASuggestion()
    {
        await StartRecordingAsync();
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "Connect to the VPN"));
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();

        cut.FindButton("Contact support").Click();
        cut.FindByLabel("Subject").Input("vpn keeps dropping");
        cut.WaitForAssertion(() => cut.FindButton("Connect to the VPN"));
        cut.FindButton("Connect to the VPN").Click();

        var events = await _sink.WaitUntilAsync(e => e.Any(x => x.Kind == HelpEventKind.ArticleViewed));
        Assert.Single(events, e => e.Kind == HelpEventKind.ContactStarted);
        Assert.Equal(HelpArticleSource.Suggestion, events.Single(e => e.Kind == HelpEventKind.ArticleViewed).Source);
    }

    [Fact]
    public async Task ContactForm_ThisSolvedMyProblem_RecordsTheDeflectionForThatArticle_AndNoTicket()
    {
        await StartRecordingAsync();
        Knowledge.OnSearch = r => r.Query.Contains("printer", StringComparison.Ordinal) ? Hits(("printer-queue", "Clear a stuck print queue")) : SearchResults.Empty;
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        cut.FindButton("Contact support").Click();

        cut.FindByLabel("Subject").Input("The printer");
        cut.FindButton("This solved my problem: Clear a stuck print queue").Click();

        var deflection = await _sink.WaitForAsync(e => e.Kind == HelpEventKind.DeflectionConfirmed);
        Assert.Equal("printer-queue", deflection.ArticleId);
        Assert.DoesNotContain(_sink.Events, e => e.Kind == HelpEventKind.TicketCreated);
    }

    [Fact]
    public async Task ContactForm_TicketSent_RecordsTheTicketOnce_WithoutWhatTheUserWrote()
    {
        await StartRecordingAsync();
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        cut.FindButton("Contact support").Click();
        cut.FindByLabel("Your name").Change("Alex Lindqvist");
        cut.FindByLabel("Your e-mail address").Change("alex@nordhav.example");
        cut.FindByLabel("Subject").Input("VPN drops every hour");
        cut.FindByLabel("Describe the problem").Input("It disconnects.");

        cut.Find("form").Submit();

        var events = await _sink.WaitUntilAsync(e => e.Any(x => x.Kind == HelpEventKind.TicketCreated));
        Assert.Single(Store.Tickets);
        Assert.Single(events, e => e.Kind == HelpEventKind.TicketCreated);
        Assert.Single(events, e => e.Kind == HelpEventKind.ContactStarted);
        Assert.DoesNotContain(events, e => $"{e.Query}{e.Reason}{e.Route}".Contains("alex", StringComparison.OrdinalIgnoreCase) || $"{e.Query}".Contains("drops", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Article_AnsweredYes_RecordsTheVote()
    {
        await StartRecordingAsync();
        var cut = Render<HelpLauncher>();
        await cut.InvokeAsync(() => Session.ShowArticleAsync("vpn-connect"));
        cut.WaitForAssertion(() => cut.FindButton("No"));

        cut.FindButton("Yes").Click();

        var vote = await _sink.WaitForAsync(e => e.Kind == HelpEventKind.Vote);
        Assert.Equal(("vpn-connect", true), (vote.ArticleId, vote.Helpful));
    }

    [Fact]
    public async Task AnnouncementList_ShownAndDismissed_AreRecordedWithTheAnnouncementsId()
    {
        await StartRecordingAsync();
        var cut = Render<HelpAnnouncementList>(p => p.Add(l => l.User, new HelpUser { Id = "user-7" }));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("article.hw-announcement")));

        cut.Find("button.hw-announcement-dismiss").Click();

        var events = await _sink.WaitUntilAsync(e => e.Any(x => x.Kind == HelpEventKind.AnnouncementDismissed));
        Assert.Equal("printer-outage", Assert.Single(events, e => e.Kind == HelpEventKind.AnnouncementShown).AnnouncementId);
        Assert.Equal("printer-outage", events.Single(e => e.Kind == HelpEventKind.AnnouncementDismissed).AnnouncementId);
        Assert.DoesNotContain(events, e => e.Kind == HelpEventKind.SessionStarted);
        Assert.Equal(UserKeys.Hash(UserKeys.DecodeSecret(Secret)!, "user", "user-7"), events[0].UserKey);
    }

    /// <summary>The circuit's signed-in user: anonymous unless a test signs someone in before rendering.</summary>
    internal sealed class TestAuthentication : AuthenticationStateProvider
    {
        public ClaimsPrincipal User { get; set; } = new(new ClaimsIdentity());

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(User));
    }

    private sealed class OneAnnouncement : IAnnouncementSource
    {
        public Task<IReadOnlyList<HelpAnnouncement>> LoadAnnouncementsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<HelpAnnouncement>>([new HelpAnnouncement { Id = "printer-outage", Language = "en", Title = "Printers on floor 3 are down", Html = "<p>Use floor 2.</p>" }]);
    }
}
