using System.Text.Json;
using HelpWidget.Testing;
using HelpWidget.PostgreSql.Insights;
using Npgsql;

namespace HelpWidget.PostgreSql.Tests.Insights;

public sealed class PostgreSqlHelpEventStoreTests(PostgreSqlTestServer server) : IAsyncDisposable
{
    private readonly InsightsDatabase _database = new(server);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static DateTimeOffset Start { get; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Report_OfRandomEvents_IsExactlyTheReferenceCalculators(int seed)
    {
        var events = InsightsEvents.Random(new Random(seed), 1_500);
        var store = await _database.CreateStoreAsync(InsightsDatabase.NewSchema());
        foreach (var batch in events.Chunk(200))
        {
            await store.WriteAsync(batch, Token);
        }

        var whole = HelpInsightsCalculator.Calculate(events, new HelpInsightsQuery { From = events[0].OccurredAt.AddDays(-1), To = events[^1].OccurredAt.AddDays(1), Top = 1000 });
        Assert.True(
            whole is { SelfServiceResolutions: > 0, FailedDeflections: > 0, SearchesFollowedByTicket.Count: > 0, WorstRatedArticles.Count: > 0, TopDeflectingArticles.Count: > 0 }
                && whole.Tickets > whole.FailedDeflections && whole.Funnel.Sessions > whole.SelfServiceResolutions,
            "The random events must exercise every definition.");
        await AssertAgreesAsync(store, events, Periods(events));
    }

    [Fact]
    public async Task Report_OverWholeMonths_AndAfterRetentionCutsIntoAMonth_AgreesWithTheReferenceCalculator()
    {
        var events = InsightsEvents.Random(new Random(11), 3_000);
        var schema = InsightsDatabase.NewSchema();
        var store = await _database.CreateStoreAsync(schema);
        await store.WriteAsync(events, Token);
        var march = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        HelpInsightsQuery[] periods =
        [
            new() { From = march, To = march.AddMonths(1), Top = 1000 },
            new() { From = march.AddDays(-3), To = march.AddMonths(3).AddHours(5), Top = 1000 },
            new() { From = march.AddDays(1), To = march.AddDays(22), Top = 1000 },
        ];
        Assert.True(events[^1].OccurredAt > march.AddMonths(1), "The events must reach past a whole month.");
        await AssertAgreesAsync(store, events, periods);

        // Retention deletes whole UTC days: everything before the day of the cutoff.
        var deleted = await store.DeleteBeforeAsync(march.AddDays(9).AddHours(12), Token);

        var kept = events.Where(e => e.OccurredAt >= march.AddDays(9)).ToList();
        Assert.Equal(events.Count - kept.Count, deleted);
        var expected = HelpInsightsCalculator.Calculate(kept, periods[1]);
        var actual = await store.GetReportAsync(periods[1], Token);
        Assert.Equal(
            JsonSerializer.Serialize(new { expected.Funnel, expected.Searches, expected.Tickets, expected.ArticleViews, expected.TopSearches, expected.PagesWithMostContacts }),
            JsonSerializer.Serialize(new { actual.Funnel, actual.Searches, actual.Tickets, actual.ArticleViews, actual.TopSearches, actual.PagesWithMostContacts }));
        Assert.True(actual.Searches > 0);
        Assert.Equal(0, (await store.GetReportAsync(new HelpInsightsQuery { From = march.AddDays(-3), To = march.AddDays(9) }, Token)).Searches);
        Assert.Equal(kept.Count, await CountEventsAsync(schema, kept));
    }

    [Fact]
    public async Task TwoInstancesWritingAtOnce_CountEveryEventOnce_AndAgreeWithTheReferenceCalculator()
    {
        // Every session's events go to one instance, in order, as one user's circuit is on one instance; the users, their
        // tickets and the counters are shared, so the two writers meet on the same rows all the time.
        var events = InsightsEvents.Random(new Random(5), 2_400);
        var schema = InsightsDatabase.NewSchema();
        var first = await _database.CreateStoreAsync(schema);
        var second = await _database.CreateStoreAsync(schema);
        var sessions = events.Select(e => e.SessionId).Distinct().Select((id, index) => (id, index)).ToDictionary(s => s.id, s => s.index % 2);
        var start = new TaskCompletionSource();
        async Task WriteAsync(PostgreSqlHelpEventStore store, int instance)
        {
            await start.Task;
            foreach (var batch in events.Where(e => sessions[e.SessionId] == instance).Chunk(40))
            {
                await store.WriteAsync(batch, Token);
            }
        }

        var writers = new[] { Task.Run(() => WriteAsync(first, 0), Token), Task.Run(() => WriteAsync(second, 1), Token) };
        start.SetResult();
        await Task.WhenAll(writers);

        var all = new HelpInsightsQuery { From = events[0].OccurredAt.AddDays(-1), To = events[^1].OccurredAt.AddDays(1), Top = 1000 };
        var report = await first.GetReportAsync(all, Token);
        Assert.Equal(events.Count(e => e.Kind is HelpEventKind.Search or HelpEventKind.ZeroResultSearch), report.Searches);
        Assert.Equal(events.Count(e => e.Kind == HelpEventKind.SessionStarted), report.Funnel.Sessions);
        Assert.Equal(events.Count(e => e.IsSimulated), report.SimulatedEvents);
        Assert.Equal(events.Count, await CountEventsAsync(schema, events));
        await AssertAgreesAsync(second, events, Periods(events));
    }

    [Fact]
    public async Task DeleteBefore_RemovesOnlyOlderEvents()
    {
        var store = await _database.CreateStoreAsync(InsightsDatabase.NewSchema());
        var script = new EventScript(Start).Session("alex", "old").View("a").Wait(TimeSpan.FromDays(2)).Session("alex", "new").View("b");
        await store.WriteAsync(script.Events, Token);

        var deleted = await store.DeleteBeforeAsync(Start.AddDays(1), Token);

        Assert.Equal(2, deleted);
        var report = await store.GetReportAsync(new HelpInsightsQuery { From = Start.AddDays(-1), To = Start.AddDays(5) }, Token);
        Assert.Equal((1, 1), (report.Funnel.Sessions, report.ArticleViews));
        Assert.Equal(0, await store.DeleteBeforeAsync(Start.AddDays(1), Token));
    }

    [Fact]
    public async Task HostileText_RoundTripsAsData_AndInvalidEventsAreRefusedWithoutStoringTheBatch()
    {
        var schema = InsightsDatabase.NewSchema();
        var store = await _database.CreateStoreAsync(schema);
        string[] hostile =
        [
            "x'); DROP TABLE help_events; --",
            "<script>alert(1)</script>",
            "$1 @user :name ? %s %_ \\ \\x00 E'\\n'",
            "söka lösenord ÅÄÖ æøå ÿ",
            "ｖｐｎ 全角 🔐👩‍💻 مرحبا עברית",
            "combining é, zero width \u200b joiner \u200d",
            "/../../etc/passwd",
            new string('q', HelpEvent.MaxQueryLength),
        ];
        var script = new EventScript(Start).Session("alex", hostile[0]);
        foreach (var text in hostile)
        {
            script.Search(text, 0).Ticket();
        }

        await store.WriteAsync(script.Events, Token);

        var invalid = new HelpEvent { Kind = HelpEventKind.Search, OccurredAt = Start, UserKey = "u", SessionId = "s", Query = "a\u0000b" };
        var unknownKind = new HelpEvent { Kind = (HelpEventKind)99, OccurredAt = Start, UserKey = "u", SessionId = "s" };
        var loneSurrogate = new HelpEvent { Kind = HelpEventKind.Vote, OccurredAt = Start, UserKey = "u", SessionId = "s", ArticleId = "a", Helpful = false, Reason = "x\ud800" };
        var tooLong = new HelpEvent { Kind = HelpEventKind.Search, OccurredAt = Start, UserKey = "u", SessionId = "s", Query = new string('q', 201) };
        await Assert.ThrowsAsync<ArgumentException>("Query", () => store.WriteAsync([script.Events[0], invalid], Token));
        await Assert.ThrowsAsync<ArgumentException>("Kind", () => store.WriteAsync([unknownKind], Token));
        await Assert.ThrowsAsync<ArgumentException>("Query", () => store.WriteAsync([tooLong], Token));
        await Assert.ThrowsAsync<ArgumentException>("Reason", () => store.WriteAsync([script.Events[0], loneSurrogate], Token));
        await Assert.ThrowsAsync<ArgumentException>("To", () => store.GetReportAsync(new HelpInsightsQuery { From = Start, To = Start }, Token));
        await Assert.ThrowsAsync<ArgumentException>("Top", () => store.GetReportAsync(new HelpInsightsQuery { From = Start, To = Start.AddDays(1), Top = 0 }, Token));

        var report = await store.GetReportAsync(new HelpInsightsQuery { From = Start, To = Start.AddDays(1) }, Token);
        Assert.Equal(1, report.Funnel.Sessions);
        Assert.Equal(hostile.Order(StringComparer.Ordinal), report.ZeroResultSearches.Select(q => q.Query).Order(StringComparer.Ordinal));
        Assert.Equal(hostile.Order(StringComparer.Ordinal), report.SearchesFollowedByTicket.Select(q => q.Query).Order(StringComparer.Ordinal));
        Assert.Equal(script.Events.Count, await CountEventsAsync(schema, script.Events));
    }

    [Fact]
    public async Task UserKeySecret_IsCreatedOnce_AndSharedByInstancesOfOneSchema()
    {
        var schema = InsightsDatabase.NewSchema();
        var instances = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _database.CreateStoreAsync(schema)));

        var secrets = await Task.WhenAll(instances.Select(store => store.GetOrCreateUserKeySecretAsync(Token)));

        Assert.Equal(32, secrets[0].Length);
        Assert.All(secrets, secret => Assert.Equal(secrets[0], secret));
        Assert.Equal(secrets[0], await (await _database.CreateStoreAsync(schema)).GetOrCreateUserKeySecretAsync(Token));
        Assert.NotEqual(secrets[0], await (await _database.CreateStoreAsync(InsightsDatabase.NewSchema())).GetOrCreateUserKeySecretAsync(Token));
    }

    private static HelpInsightsQuery[] Periods(List<HelpEvent> events) =>
    [
        new() { From = events[0].OccurredAt.AddDays(-1), To = events[^1].OccurredAt.AddDays(1), Top = 1000 },
        new() { From = events[500].OccurredAt.AddHours(-1), To = events[500].OccurredAt.AddDays(2), Top = 5 },
        new() { From = events[700].OccurredAt, To = events[900].OccurredAt },
    ];

    private static async Task AssertAgreesAsync(PostgreSqlHelpEventStore store, List<HelpEvent> events, IEnumerable<HelpInsightsQuery> periods)
    {
        foreach (var period in periods)
        {
            var expected = JsonSerializer.Serialize(HelpInsightsCalculator.Calculate(events, period));
            var actual = JsonSerializer.Serialize(await store.GetReportAsync(period, Token));
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>Counts the stored events that match one of <paramref name="expected"/> field by field as read back, having checked there are as many rows.</summary>
    private async Task<int> CountEventsAsync(string schema, List<HelpEvent> expected)
    {
        var wanted = expected.Select(e => (e.Kind, e.OccurredAt.ToUnixTimeMilliseconds(), e.UserKey, e.SessionId, e.Query, e.ArticleId, e.Route)).ToHashSet();
        await using var connection = new NpgsqlConnection(await _database.ConnectionStringAsync());
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT kind, at, user_key, session_id, query, article_id, route FROM {schema}.help_events;";
        var (matched, rows) = (0, 0);
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            rows++;
            matched += wanted.Contains(((HelpEventKind)reader.GetInt16(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), Text(4), Text(5), Text(6))) ? 1 : 0;
        }

        Assert.Equal(expected.Count, rows);
        return matched;
    }
}
