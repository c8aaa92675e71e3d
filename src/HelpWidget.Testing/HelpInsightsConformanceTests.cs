using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Testing;

/// <summary>
/// The definitions of the insights, pinned on scripted event sequences: every way of computing them (the engine's
/// reference calculator, each <see cref="IHelpEventStore"/>) inherits these tests and says how it computes a report.
/// </summary>
/// <remarks>
/// A store's test class records the events into a fresh store (and, where it keeps feedback, the feedback) in
/// <see cref="ReportAsync(IReadOnlyList{HelpEvent}, HelpInsightsQuery)"/> and returns the store's report.
/// </remarks>
public abstract class HelpInsightsConformanceTests
{
    /// <summary>Monday 2 March 2026, 09:00 UTC: where every script starts.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Computes the report of <paramref name="query"/> over <paramref name="events"/>, given in the order they happened.</summary>
    protected abstract Task<HelpInsightsReport> ReportAsync(IReadOnlyList<HelpEvent> events, HelpInsightsQuery query);

    /// <summary>
    /// Computes the report of <paramref name="query"/> over <paramref name="events"/> and the answers to "Was this
    /// helpful?" kept as <paramref name="feedback"/> (oldest first), comments scrubbed by the engine's scrubber. The
    /// reference calculator's by default; a store overrides it to keep the feedback as it keeps it.
    /// </summary>
    protected virtual Task<HelpInsightsReport> ReportAsync(IReadOnlyList<HelpEvent> events, IReadOnlyList<ArticleFeedback> feedback, HelpInsightsQuery query) =>
        Task.FromResult(HelpInsightsCalculator.Calculate(events, query, feedback, EngineScrubber));

    /// <summary>Gets the scrubber <c>AddHelpWidget()</c> registers.</summary>
    protected static IPersonalDataScrubber EngineScrubber { get; } =
        new ServiceCollection().AddHelpWidget().Services.BuildServiceProvider().GetRequiredService<IPersonalDataScrubber>();

    /// <summary>The week of <see cref="Start"/>, from Monday 00:00 UTC.</summary>
    private static HelpInsightsQuery Week => new() { From = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero) };

#pragma warning disable CS1591 // Each test is documented by its name (Method_Scenario_Expectation), which is what a test runner reports.
    [Fact]
    public async Task ArticleFigures_CountViewsFromSearch_LastVotes_AndTheContactAfterTheLastArticleRead()
    {
        var script = new EventScript(Start)
            .Session("alex", "s1").Search("vpn", 3).View("vpn-connect", HelpArticleSource.Search).View("printer-queue", HelpArticleSource.Related)
            .Vote("vpn-connect", helpful: true).Vote("vpn-connect", helpful: false, reason: "outdated").Contact().Ticket()
            .Session("kim", "s2").View("vpn-connect", HelpArticleSource.Suggestion).Vote("vpn-connect", helpful: true).Contact()
            .Session("sam", "s3").Contact();

        var report = await ReportAsync(script.Events, Week);

        Assert.Equal(
            [("printer-queue", 1, 0, 0, 0, 1), ("vpn-connect", 2, 1, 1, 1, 1)],
            report.Articles.Select(a => (a.ArticleId, a.Views, a.ViewsFromSearch, a.Yes, a.No, a.ContactsAfter)));
    }

    [Fact]
    public async Task TicketAt23h59AfterTheArticle_IsAFailedDeflection_AndTheSessionIsNotResolved()
    {
        var script = new EventScript(Start)
            .Session("alex", "s1").Search("vpn", 3).View("vpn-connect")
            .Wait(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59))
            .Session("alex", "s2").Ticket();

        var report = await ReportAsync(script.Events, Week);

        Assert.Equal((0, 1, 1), (report.SelfServiceResolutions, report.Tickets, report.FailedDeflections));
        Assert.Equal(0.0, report.SelfServiceRate);
    }

    [Fact]
    public async Task TicketAt24h01AfterTheArticle_IsNotAFailedDeflection_AndTheSessionIsResolved()
    {
        var script = new EventScript(Start)
            .Session("alex", "s1").Search("vpn", 3).View("vpn-connect")
            .Wait(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1))
            .Session("alex", "s2").Ticket();

        var report = await ReportAsync(script.Events, Week);

        Assert.Equal((1, 1, 0), (report.SelfServiceResolutions, report.Tickets, report.FailedDeflections));
        Assert.Equal(0.5, report.SelfServiceRate);
    }

    [Fact]
    public async Task TwoSessionsOfOneUser_ATicketInTheSecond_UndoesTheFirstsResolution_WhileAnotherUsersTicketDoesNot()
    {
        var script = new EventScript(Start)
            .Session("alex", "a1").View("printer-queue")
            .Session("kim", "k1").View("printer-queue")
            .Wait(TimeSpan.FromHours(2))
            .Session("alex", "a2").Search("printer offline", 0).Contact().Ticket()
            .Session("sam", "x1").Ticket();

        var report = await ReportAsync(script.Events, Week);

        Assert.Equal(4, report.Funnel.Sessions);
        Assert.Equal(1, report.SelfServiceResolutions);
        Assert.Equal((2, 1), (report.Tickets, report.FailedDeflections));
        Assert.Equal(1.0 / 3, report.SelfServiceRate);
        Assert.Equal([("printer-queue", 1, 0)], report.TopDeflectingArticles.Select(a => (a.ArticleId, a.Resolutions, a.Confirmations)));
    }

    [Fact]
    public async Task ThisSolvedMyProblem_WithoutReadingAnArticle_IsAResolution_AndCountsAsAConfirmation()
    {
        var script = new EventScript(Start)
            .Session("alex", "s1").Contact().Solved("reset-password")
            .Session("kim", "s2").Contact().Solved("reset-password").Wait(TimeSpan.FromMinutes(5)).Ticket();

        var report = await ReportAsync(script.Events, Week);

        Assert.Equal((1, 1, 0), (report.SelfServiceResolutions, report.Tickets, report.FailedDeflections));
        Assert.Equal([("reset-password", 1, 2)], report.TopDeflectingArticles.Select(a => (a.ArticleId, a.Resolutions, a.Confirmations)));
        Assert.Equal([("/", 2, 1)], report.PagesWithMostContacts.Select(p => (p.Route, p.ContactsStarted, p.Tickets)));
    }

    [Fact]
    public async Task AChangedVote_CountsOnce_WithTheLastAnswer_AndReasonsOfNoAreCounted()
    {
        var script = new EventScript(Start)
            .Session("alex", "s1").View("vpn-connect").Vote("vpn-connect", helpful: false, reason: "outdated").Vote("vpn-connect", helpful: true)
            .Session("kim", "s2").View("vpn-connect").Vote("vpn-connect", helpful: false, reason: "unclear")
            .Session("sam", "s3").View("vpn-connect").Vote("vpn-connect", helpful: false, reason: "unclear")
            .Session("ana", "s4").View("printer-queue").Vote("printer-queue", helpful: true);

        var report = await ReportAsync(script.Events, Week);

        var worst = report.WorstRatedArticles[0];
        Assert.Equal(("vpn-connect", 1, 2), (worst.ArticleId, worst.Yes, worst.No));
        Assert.Equal(1.0 / 3, worst.Helpfulness);
        Assert.Equal([new KeyValuePair<string, int>("unclear", 2)], worst.Reasons);
        Assert.Equal(("printer-queue", 1.0), (report.WorstRatedArticles[1].ArticleId, report.WorstRatedArticles[1].Helpfulness));
    }

    [Fact]
    public async Task SearchesInSeveralLanguages_AreCountedPerLanguage()
    {
        var script = new EventScript(Start)
            .Session("alex", "s1", language: "sv-SE").Search("vpn", 2).Search("skrivare", 0)
            .Session("kim", "s2", language: "en").Search("vpn", 2)
            .Session("sam", "s3", language: "sv-SE").Search("vpn", 2);

        var report = await ReportAsync(script.Events, Week);

        Assert.Equal(4, report.Searches);
        Assert.Equal([("vpn", "sv-SE", 2), ("skrivare", "sv-SE", 1), ("vpn", "en", 1)], report.TopSearches.Select(q => (q.Query, q.Language, q.Count)));
        Assert.Equal([("skrivare", "sv-SE", 1)], report.ZeroResultSearches.Select(q => (q.Query, q.Language, q.Count)));
    }

    [Fact]
    public async Task ASessionSpanningMidnight_BelongsToTheDayAndPeriodItStarted()
    {
        var evening = new DateTimeOffset(2026, 3, 2, 23, 50, 0, TimeSpan.Zero);
        var script = new EventScript(evening)
            .Session("alex", "s1").Search("expenses", 4).Wait(TimeSpan.FromMinutes(20)).View("travel-expenses");
        var midnight = new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero);

        var twoDays = await ReportAsync(script.Events, new HelpInsightsQuery { From = midnight.AddDays(-1), To = midnight.AddDays(1) });
        var secondDay = await ReportAsync(script.Events, new HelpInsightsQuery { From = midnight, To = midnight.AddDays(1) });

        Assert.Equal([(new DateOnly(2026, 3, 2), 1), (new DateOnly(2026, 3, 3), 0)], twoDays.Days.Select(d => (d.Date, d.Resolutions)));
        Assert.Equal((1, 1, 1), (twoDays.Funnel.Sessions, twoDays.Funnel.WithArticle, twoDays.SelfServiceResolutions));
        Assert.Equal((0, 0, 1, 0), (secondDay.Funnel.Sessions, secondDay.SelfServiceResolutions, secondDay.ArticleViews, secondDay.Searches));
    }

    [Fact]
    public async Task PeriodBoundaries_IncludeTheStart_ExcludeTheEnd_AndLookPastTheEndForTickets()
    {
        var from = Start;
        var to = Start.AddHours(1);
        var script = new EventScript(from)
            .Session("alex", "at-start").View("a")
            .Wait(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(57))
            .Session("kim", "just-before-end").View("b")
            .Wait(TimeSpan.FromSeconds(1))
            .Session("sam", "at-end").View("c").Ticket()
            .Wait(TimeSpan.FromHours(3))
            .Session("kim", "later").Ticket();

        var report = await ReportAsync(script.Events, new HelpInsightsQuery { From = from, To = to });

        Assert.Equal(2, report.Funnel.Sessions);
        Assert.Equal(1, report.SelfServiceResolutions);
        Assert.Equal(0, report.Tickets);
        Assert.Equal(2, report.ArticleViews);
        Assert.Equal(1.0, report.SelfServiceRate);
    }

    [Fact]
    public async Task ContentGaps_ZeroResults_AndSearchesFollowedByATicketWithNoArticleOpened()
    {
        var script = new EventScript(Start)
            .Session("alex", "s1").Search("expense limit", 0).Contact().Ticket()
            .Session("kim", "s2").Search("expense limit", 0).Search("receipts", 2).View("receipts").Ticket()
            .Session("sam", "s3").Search("mileage", 1).Ticket()
            .Session("ana", "s4").Search("mileage", 1).Wait(TimeSpan.FromMinutes(40)).Session("ana", "s5").Ticket();

        var report = await ReportAsync(script.Events, Week);

        Assert.Equal([("expense limit", 2)], report.ZeroResultSearches.Select(q => (q.Query, q.Count)));
        Assert.Equal([("expense limit", 1), ("mileage", 1)], report.SearchesFollowedByTicket.Select(q => (q.Query, q.Count)));
    }

    [Fact]
    public async Task Funnel_CountsSessionsThatReachedEachStep()
    {
        var script = new EventScript(Start)
            .Session("a", "s1")
            .Session("b", "s2").Search("x", 1)
            .Session("c", "s3").Search("x", 1).View("x")
            .Session("d", "s4").Search("x", 1).View("x").Contact()
            .Session("e", "s5").Search("x", 1).View("x").Contact().Ticket();

        var report = await ReportAsync(script.Events, Week);

        Assert.Equal((5, 4, 3, 2, 1), (report.Funnel.Sessions, report.Funnel.WithSearch, report.Funnel.WithArticle, report.Funnel.WithContact, report.Funnel.WithTicket));
        Assert.Equal(2, report.SelfServiceResolutions);
    }

    [Fact]
    public async Task AnEmptyPeriod_HasNoRate_AndADayForEachDayWithZeros()
    {
        var report = await ReportAsync([], Week);

        Assert.Null(report.SelfServiceRate);
        Assert.Equal(7, report.Days.Count);
        Assert.All(report.Days, d => Assert.Null(d.SelfServiceRate));
        Assert.Empty(report.TopSearches);
    }

    [Fact]
    public async Task SimulatedEvents_AreCountedInThePeriod_AndRealEventsAreNot()
    {
        var script = new EventScript(Start)
            .Session("alex", "real").Search("vpn", 2).View("vpn-connect");
        var simulated = new EventScript(Start.AddHours(1))
            .Session("demo", "d1").Search("vpn", 2).View("vpn-connect").Ticket()
            .Wait(TimeSpan.FromDays(8))
            .Session("demo", "d2").Search("vpn", 2);
        var events = script.Events.Concat(simulated.Events.Select(e => Simulated(e))).ToList();

        var report = await ReportAsync(events, Week);
        var real = await ReportAsync(script.Events, Week);

        Assert.Equal(4, report.SimulatedEvents);
        Assert.Equal((2, 2, 1), (report.Funnel.Sessions, report.Searches, report.Tickets));
        Assert.Equal(0, real.SimulatedEvents);
    }

    [Fact]
    public async Task EachSearchInATable_CarriesTheRouteItWasMostOftenMadeOn()
    {
        var script = new EventScript(Start)
            .Session("alex", "s1", route: "/expenses").Search("receipts", 0).Ticket()
            .Session("kim", "s2", route: "/travel").Search("receipts", 0).Ticket()
            .Session("sam", "s3", route: "/travel").Search("receipts", 0)
            .Session("ana", "s4", route: "/expenses").Search("mileage", 2)
            .Session("bo", "s5").Search("wifi", 3);

        var report = await ReportAsync(script.Events, Week);

        Assert.Equal([("receipts", "/travel"), ("mileage", "/expenses"), ("wifi", null)], report.TopSearches.Select(q => (q.Query, q.Route)));
        Assert.Equal([("receipts", "/travel")], report.ZeroResultSearches.Select(q => (q.Query, q.Route)));

        // Of the two searches followed by a ticket, one on each page: the first route in ordinal order.
        Assert.Equal([("receipts", 2, "/expenses")], report.SearchesFollowedByTicket.Select(q => (q.Query, q.Count, q.Route)));
    }

    [Fact]
    public async Task WorstRatedArticles_CarryTheLatestFiveCommentsOfNo_InThePeriod_Scrubbed()
    {
        var script = new EventScript(Start)
            .Session("alex", "s1").View("vpn-connect").Vote("vpn-connect", helpful: false, reason: "unclear")
            .Session("kim", "s2").View("printer-queue").Vote("printer-queue", helpful: false);
        ArticleFeedback Answer(string article, bool helpful, string? comment, DateTimeOffset at) =>
            new() { ArticleId = article, Language = "en", Helpful = helpful, Comment = comment, CreatedAt = at };
        List<ArticleFeedback> feedback =
        [
            Answer("vpn-connect", false, "Too old, from before the period", Start.AddDays(-3)),
            Answer("vpn-connect", false, "Call me on +46 70 123 45 67 or mail alex@example.com", Start.AddMinutes(1)),
            Answer("vpn-connect", true, "Great, a Yes comment is not shown", Start.AddMinutes(2)),
            Answer("vpn-connect", false, null, Start.AddMinutes(3)),
            Answer("vpn-connect", false, "second", Start.AddMinutes(4)),
            Answer("vpn-connect", false, "third", Start.AddMinutes(5)),
            Answer("vpn-connect", false, "fourth", Start.AddMinutes(6)),
            Answer("vpn-connect", false, "fifth, given in another time zone", Start.AddMinutes(7).ToOffset(TimeSpan.FromHours(-10))),
            Answer("vpn-connect", false, "sixth", Start.AddMinutes(8)),
            Answer("printer-queue", false, "Printer comment", Start.AddMinutes(9)),
            Answer("vpn-connect", false, "After the period", Week.To),
        ];

        var report = await ReportAsync(script.Events, feedback, Week);

        var vpn = Assert.Single(report.WorstRatedArticles, a => a.ArticleId == "vpn-connect");
        Assert.Equal(["sixth", "fifth, given in another time zone", "fourth", "third", "second"], vpn.Comments);
        Assert.Equal(["Printer comment"], Assert.Single(report.WorstRatedArticles, a => a.ArticleId == "printer-queue").Comments);

        var older = await ReportAsync(script.Events, [.. feedback.Where(f => f.Comment is not ("second" or "third" or "fourth" or "sixth"))], Week);
        var comments = Assert.Single(older.WorstRatedArticles, a => a.ArticleId == "vpn-connect").Comments;
        Assert.Equal(2, comments.Count);
        Assert.Equal(EngineScrubber.Scrub("Call me on +46 70 123 45 67 or mail alex@example.com"), comments[1]);
        Assert.DoesNotContain("alex@example.com", comments[1], StringComparison.Ordinal);
        Assert.DoesNotContain("123 45 67", comments[1], StringComparison.Ordinal);
    }

    /// <summary>A copy of <paramref name="e"/> marked as simulated.</summary>
    protected static HelpEvent Simulated(HelpEvent e) => new()
    {
        Kind = e.Kind, OccurredAt = e.OccurredAt, UserKey = e.UserKey, SessionId = e.SessionId, Language = e.Language, Route = e.Route, ArticleId = e.ArticleId,
        Query = e.Query, ResultCount = e.ResultCount, Source = e.Source, Helpful = e.Helpful, Reason = e.Reason, AnnouncementId = e.AnnouncementId, IsSimulated = true,
    };

    [Fact]
    public async Task Top_LimitsEveryTable()
    {
        var script = new EventScript(Start).Session("a", "s1");
        for (var i = 0; i < 5; i++)
        {
            script.Search("q" + i, 0).View("article-" + i).Vote("article-" + i, helpful: false);
        }

        var report = await ReportAsync(script.Events, new HelpInsightsQuery { From = Start, To = Start.AddDays(1), Top = 3 });

        Assert.Equal(["q0", "q1", "q2"], report.TopSearches.Select(q => q.Query));
        Assert.Equal(3, report.ZeroResultSearches.Count);
        Assert.Equal(3, report.WorstRatedArticles.Count);
    }
}
