using System.Text.Json;
using HelpWidget.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Sqlite.Tests;

public sealed class SqliteHelpEventStoreTests : HelpInsightsConformanceTests, IDisposable
{
    private readonly SqliteTestFolder _files = new("hw-events-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    protected override async Task<HelpInsightsReport> ReportAsync(IReadOnlyList<HelpEvent> events, HelpInsightsQuery query)
    {
        using var store = Create(Guid.NewGuid().ToString("N") + ".db");
        await store.WriteAsync(events, Token);
        return await store.GetReportAsync(query, Token);
    }

    protected override async Task<HelpInsightsReport> ReportAsync(IReadOnlyList<HelpEvent> events, IReadOnlyList<ArticleFeedback> feedback, HelpInsightsQuery query)
    {
        // The engine's services, as an app has them: the feedback store and the event store share the file, and the
        // event store scrubs comments with the engine's scrubber.
        var services = new ServiceCollection();
        services.AddHelpWidget().AddSqliteStore(o => o.ConnectionString = $"Data Source={_files.PathOf(Guid.NewGuid().ToString("N") + ".db")}");
        await using var provider = services.BuildServiceProvider();
        var feedbackStore = provider.GetRequiredService<IHelpStore>();
        foreach (var answer in feedback)
        {
            await feedbackStore.SaveFeedbackAsync(answer, Token);
        }

        var store = provider.GetRequiredService<IHelpEventStore>();
        await store.WriteAsync(events, Token);
        return await store.GetReportAsync(query, Token);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Report_OfRandomEvents_IsExactlyTheReferenceCalculators(int seed)
    {
        var events = RandomEvents(new Random(seed), 1_500);
        using var store = Create();
        foreach (var batch in events.Chunk(200))
        {
            await store.WriteAsync(batch, Token);
        }

        var first = events[0].OccurredAt;
        var periods = new[]
        {
            new HelpInsightsQuery { From = first.AddDays(-1), To = events[^1].OccurredAt.AddDays(1), Top = 1000 },
            new HelpInsightsQuery { From = events[500].OccurredAt.AddHours(-1), To = events[500].OccurredAt.AddDays(2), Top = 5 },
            new HelpInsightsQuery { From = events[700].OccurredAt, To = events[900].OccurredAt },
        };
        var whole = HelpInsightsCalculator.Calculate(events, periods[0]);
        Assert.True(
            whole is { SelfServiceResolutions: > 0, FailedDeflections: > 0, SearchesFollowedByTicket.Count: > 0, WorstRatedArticles.Count: > 0, TopDeflectingArticles.Count: > 0 }
                && whole.Tickets > whole.FailedDeflections && whole.Funnel.Sessions > whole.SelfServiceResolutions,
            $"The random events must exercise every definition: resolutions {whole.SelfServiceResolutions}, failed {whole.FailedDeflections}, tickets {whole.Tickets}, sessions {whole.Funnel.Sessions}, followed {whole.SearchesFollowedByTicket.Count}, rated {whole.WorstRatedArticles.Count}, deflecting {whole.TopDeflectingArticles.Count}");
        foreach (var period in periods)
        {
            var expected = JsonSerializer.Serialize(HelpInsightsCalculator.Calculate(events, period));
            var actual = JsonSerializer.Serialize(await store.GetReportAsync(period, Token));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task Report_OverWholeMonths_AndAfterRetentionCutsIntoAMonth_AgreesWithTheReferenceCalculator()
    {
        var events = RandomEvents(new Random(11), 3_000);
        using var store = Create();
        await store.WriteAsync(events, Token);
        var march = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        HelpInsightsQuery[] periods =
        [
            new() { From = march, To = march.AddMonths(1), Top = 1000 },
            new() { From = march.AddDays(-3), To = march.AddMonths(3).AddHours(5), Top = 1000 },
        ];
        Assert.True(events[^1].OccurredAt > march.AddMonths(1), "The events must reach past a whole month.");
        foreach (var period in periods)
        {
            Assert.Equal(JsonSerializer.Serialize(HelpInsightsCalculator.Calculate(events, period)), JsonSerializer.Serialize(await store.GetReportAsync(period, Token)));
        }

        var cutoff = march.AddDays(9).AddHours(12);
        await store.DeleteBeforeAsync(cutoff, Token);
        var kept = events.Where(e => e.OccurredAt >= march.AddDays(9)).ToList();
        var expected = HelpInsightsCalculator.Calculate(kept, periods[1]);
        var actual = await store.GetReportAsync(periods[1], Token);
        Assert.Equal(
            JsonSerializer.Serialize(new { expected.Funnel, expected.Searches, expected.Tickets, expected.ArticleViews, expected.TopSearches, expected.PagesWithMostContacts }),
            JsonSerializer.Serialize(new { actual.Funnel, actual.Searches, actual.Tickets, actual.ArticleViews, actual.TopSearches, actual.PagesWithMostContacts }));
        Assert.True(actual.Searches > 0);
        Assert.True(actual.Funnel.Sessions < (await ReportAsync(events, periods[1])).Funnel.Sessions);
    }

    [Fact]
    public async Task UserKeySecret_IsCreatedOnce_AndKeptInTheFile()
    {
        byte[] secret;
        using (var first = Create())
        {
            secret = await first.GetOrCreateUserKeySecretAsync(Token);
            Assert.Equal(secret, await first.GetOrCreateUserKeySecretAsync(Token));
        }

        using var second = Create();
        Assert.Equal(32, secret.Length);
        Assert.Equal(secret, await second.GetOrCreateUserKeySecretAsync(Token));
        using var other = Create("other.db");
        Assert.NotEqual(secret, await other.GetOrCreateUserKeySecretAsync(Token));
    }

    [Fact]
    public async Task DeleteBefore_RemovesOnlyOlderEvents()
    {
        using var store = Create();
        var script = new EventScript(Start).Session("alex", "old").View("a").Wait(TimeSpan.FromDays(2)).Session("alex", "new").View("b");
        await store.WriteAsync(script.Events, Token);

        var deleted = await store.DeleteBeforeAsync(Start.AddDays(1), Token);

        Assert.Equal(2, deleted);
        var report = await store.GetReportAsync(new HelpInsightsQuery { From = Start.AddDays(-1), To = Start.AddDays(5) }, Token);
        Assert.Equal((1, 1), (report.Funnel.Sessions, report.ArticleViews));
    }

    [Fact]
    public async Task HostileValues_AreStoredAsData_AndInvalidEventsRefusedWithoutStoringTheBatch()
    {
        using var store = Create();
        var hostile = "x'); DROP TABLE help_events; --";
        var script = new EventScript(Start).Session("alex", hostile).Search(hostile, 0).Search("<script>alert(1)</script>", 0);
        await store.WriteAsync(script.Events, Token);

        var invalid = new HelpEvent { Kind = HelpEventKind.Search, OccurredAt = Start, UserKey = "u", SessionId = "s", Query = "a\u0000b" };
        var unknownKind = new HelpEvent { Kind = (HelpEventKind)99, OccurredAt = Start, UserKey = "u", SessionId = "s" };
        var tooLong = new HelpEvent { Kind = HelpEventKind.Search, OccurredAt = Start, UserKey = "u", SessionId = "s", Query = new string('q', 201) };
        await Assert.ThrowsAsync<ArgumentException>("Query", () => store.WriteAsync([script.Events[0], invalid], Token));
        await Assert.ThrowsAsync<ArgumentException>("Kind", () => store.WriteAsync([unknownKind], Token));
        await Assert.ThrowsAsync<ArgumentException>("Query", () => store.WriteAsync([tooLong], Token));
        await Assert.ThrowsAsync<ArgumentException>("To", () => store.GetReportAsync(new HelpInsightsQuery { From = Start, To = Start }, Token));

        var report = await store.GetReportAsync(new HelpInsightsQuery { From = Start, To = Start.AddDays(1) }, Token);
        Assert.Equal(1, report.Funnel.Sessions);
        Assert.Equal([hostile, "<script>alert(1)</script>"], report.ZeroResultSearches.Select(q => q.Query).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task ADatabaseOfAnEarlierVersion_GainsTheEventsTable_AndKeepsItsTickets()
    {
        var legacy = _files.PathOf("legacy.db");
        await using (var connection = new SqliteConnection($"Data Source={legacy}"))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE feedback (id INTEGER PRIMARY KEY, article_id TEXT NOT NULL); INSERT INTO feedback (article_id) VALUES ('kept');";
            await command.ExecuteNonQueryAsync(Token);
        }

        using var store = Create("legacy.db");
        await store.WriteAsync(new EventScript(Start).Session("alex", "s1").Events, Token);

        await using var check = new SqliteConnection($"Data Source={legacy}");
        await check.OpenAsync(Token);
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT (SELECT COUNT(*) FROM feedback) || '/' || (SELECT COUNT(*) FROM help_events) || '/' || (SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'help_events_%');";
        Assert.Equal("1/1/7", await count.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task ADatabaseOfTheFirstVersion_IsMigrated_AndAgreesWithTheReferenceCalculator()
    {
        var events = RandomEvents(new Random(21), 2_000);
        using (var store = Create("before.db"))
        {
            await store.WriteAsync(events, Token);
        }

        // What that version left: no vote successors, vote counters or weekly counters, and no version.
        SqliteConnection.ClearAllPools();
        await using (var old = new SqliteConnection($"Data Source={_files.PathOf("before.db")}"))
        {
            await old.OpenAsync(Token);
            await using var downgrade = old.CreateCommand();
            downgrade.CommandText = """
                DROP INDEX help_events_replaced_votes; DROP INDEX help_events_user_votes; DROP TABLE help_counts_weekly;
                ALTER TABLE help_events DROP COLUMN next_at;
                DELETE FROM help_counts WHERE metric = 17; DELETE FROM help_counts_monthly WHERE metric = 17;
                DELETE FROM help_settings WHERE name = 'events_schema';
                CREATE INDEX help_events_votes ON help_events (at, user_key, article_id, helpful, reason) WHERE kind = 6;
                """;
            await downgrade.ExecuteNonQueryAsync(Token);
        }

        SqliteConnection.ClearAllPools();
        using var migrated = Create("before.db");
        var monday = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        HelpInsightsQuery[] periods =
        [
            new() { From = monday, To = monday.AddDays(21), Top = 1000 },
            new() { From = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), Top = 1000 },
            new() { From = monday.AddDays(-1).AddHours(3), To = monday.AddDays(16).AddHours(7), Top = 1000 },
        ];
        Assert.True(events[^1].OccurredAt > periods[0].To, "The events must reach past the weeks read.");
        foreach (var period in periods)
        {
            Assert.Equal(JsonSerializer.Serialize(HelpInsightsCalculator.Calculate(events, period)), JsonSerializer.Serialize(await migrated.GetReportAsync(period, Token)));
        }
    }

    private SqliteHelpEventStore Create(string file = "help.db") =>
        new(Options.Create(new SqliteStoreOptions { ConnectionString = $"Data Source={_files.PathOf(file)}" }));

    /// <summary>Events as the widget records them: each session starts with its start event, and times only move forward (sometimes not at all).</summary>
    internal static List<HelpEvent> RandomEvents(Random random, int count)
    {
        string[] queries = ["vpn", "printer", "expenses", "mileage", "password reset", "wifi"];
        string[] articles = ["vpn-connect", "printer-queue", "travel-expenses", "reset-password"];
        string[] languages = ["en", "sv-SE", "fi"];
        string?[] routes = ["/", "/expenses", "/travel", null];
        string?[] reasons = ["outdated", "unclear", "wrong", null];
        var open = new List<(string User, string Session, string Language, string? Route)>();
        var now = new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero);
        var events = new List<HelpEvent>(count);
        while (events.Count < count)
        {
            // Mostly minutes apart, sometimes the same millisecond, sometimes close to a day (the 24-hour window).
            now = now.AddMilliseconds(random.Next(100) switch
            {
                < 10 => 0,
                < 12 => random.Next(23 * 3_600_000, 25 * 3_600_000),
                < 20 => random.Next(1, 40 * 60_000),
                _ => random.Next(1, 3 * 60_000),
            });
            if (open.Count == 0 || random.Next(5) == 0)
            {
                var started = ("user-" + random.Next(12), Guid.NewGuid().ToString("N"), languages[random.Next(languages.Length)], routes[random.Next(routes.Length)]);
                open.Add(started);
                events.Add(Event(HelpEventKind.SessionStarted, started));
                continue;
            }

            var session = open[random.Next(open.Count)];
            var kind = random.Next(10) switch
            {
                0 or 1 => HelpEventKind.Search,
                2 => HelpEventKind.ZeroResultSearch,
                3 or 4 => HelpEventKind.ArticleViewed,
                5 => HelpEventKind.Vote,
                6 => HelpEventKind.ContactStarted,
                7 => HelpEventKind.TicketCreated,
                8 => HelpEventKind.DeflectionConfirmed,
                _ => HelpEventKind.SuggestionShown,
            };
            var helpful = random.Next(2) == 0;
            var e = Event(kind, session);
            events.Add(kind switch
            {
                HelpEventKind.Search or HelpEventKind.ZeroResultSearch => With(e, query: queries[random.Next(queries.Length)], results: kind == HelpEventKind.Search ? random.Next(1, 9) : 0),
                HelpEventKind.ArticleViewed or HelpEventKind.DeflectionConfirmed => With(e, article: articles[random.Next(articles.Length)]),
                HelpEventKind.Vote => With(e, article: articles[random.Next(articles.Length)], helpful: helpful, reason: helpful ? null : reasons[random.Next(reasons.Length)]),
                _ => e,
            });
            if (random.Next(8) == 0)
            {
                open.Remove(session);
            }
        }

        return events;

        HelpEvent Event(HelpEventKind kind, (string User, string Session, string Language, string? Route) session) => new()
        {
            Kind = kind,
            OccurredAt = now,
            UserKey = session.User,
            SessionId = session.Session,
            Language = session.Language,
            Route = session.Route,
            IsSimulated = random.Next(4) == 0,
        };

        static HelpEvent With(HelpEvent e, string? query = null, int? results = null, string? article = null, bool? helpful = null, string? reason = null) => new()
        {
            Kind = e.Kind,
            OccurredAt = e.OccurredAt,
            UserKey = e.UserKey,
            SessionId = e.SessionId,
            Language = e.Language,
            Route = e.Route,
            IsSimulated = e.IsSimulated,
            Query = query,
            ResultCount = results,
            ArticleId = article,
            Helpful = helpful,
            Reason = reason,
        };
    }
}
