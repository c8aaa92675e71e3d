using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using HelpWidget.Testing;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>The help server and its events endpoint on Kestrel, with a sink beside the SQLite store.</summary>
public sealed class EventServerFixture : IAsyncLifetime
{
    private ApiServer? _server;

    public ApiServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    internal CapturingHelpEventSink Sink { get; } = new("api-test");

    public async ValueTask InitializeAsync() => _server = await ApiServer.StartAsync(
        api: o => o.EventPermitLimit = 10_000,
        services: s => s.AddSingleton<IHelpEventSink>(Sink),
        cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>
/// <c>POST events</c> records a remote widget's events into the server's store as the in-process widget would, for the
/// user the request is authenticated as (never one named in the body), and refuses what breaks a rule with a
/// localised ProblemDetails.
/// </summary>
public sealed class EventEndpointTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Server.Client;

    private static string Now => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    [Fact]
    public async Task PostEvents_SignedInBatch_IsStoredForThatUser_HashedAndScrubbed()
    {
        var session = NewSessionId();
        var page = Page();
        using var response = await Client.SendAsync(
            Http.Post("events", Json($$"""
                {"events":[
                  {"kind":"sessionStarted","occurredAt":"{{Now}}","sessionId":"{{session}}","language":"sv","route":"{{page}}"},
                  {"kind":"search","occurredAt":"{{Now}}","sessionId":"{{session}}","query":"VPN for anna@example.com","resultCount":3,"route":"{{page}}"},
                  {"kind":"articleViewed","occurredAt":"{{Now}}","sessionId":"{{session}}","articleId":"vpn","source":"search","language":"sv","route":"{{page}}"},
                  {"kind":"vote","occurredAt":"{{Now}}","sessionId":"{{session}}","articleId":"vpn","helpful":false,"reason":"unclear","route":"{{page}}"}
                ]}
                """), "erik", "employee"),
            Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using (var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)))
        {
            Assert.Equal(4, receipt.RootElement.GetProperty("accepted").GetInt32());
        }

        var events = await fixture.Sink.WaitForMatchesAsync(e => e.Route == page, 4);
        var stored = await EventsOfAsync(events[0].SessionId);
        Assert.Equal(4, stored);
        Assert.Single(events.Select(e => e.SessionId).Distinct());
        Assert.Single(events.Select(e => e.UserKey).Distinct());
        var search = Assert.Single(events, e => e.Kind == HelpEventKind.Search);
        Assert.DoesNotContain("anna@example.com", search.Query, StringComparison.Ordinal);
        Assert.StartsWith("vpn for", search.Query, StringComparison.Ordinal);
        Assert.Equal(HelpArticleSource.Search, Assert.Single(events, e => e.Kind == HelpEventKind.ArticleViewed).Source);
        Assert.Equal((false, "unclear"), (events.Single(e => e.Kind == HelpEventKind.Vote).Helpful, events.Single(e => e.Kind == HelpEventKind.Vote).Reason));
        Assert.NotEqual(session, events[0].SessionId);
        Assert.DoesNotContain("erik", events[0].UserKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEvents_UserIsTheAuthenticatedIdentity_NeverOneTheBodyNames()
    {
        var erik = await UserKeyAsync(user: "erik", session: NewSessionId(), extra: string.Empty);
        var erikAgain = await UserKeyAsync(user: "erik", session: NewSessionId(), extra: string.Empty);
        var karin = await UserKeyAsync(user: "karin", session: NewSessionId(), extra: string.Empty);

        // An anonymous caller that names erik in every way a body could.
        var forged = await UserKeyAsync(user: null, session: NewSessionId(), extra: $$""","userKey":"{{erik}}","userId":"erik","user":"erik" """);

        Assert.Equal(erik, erikAgain);
        Assert.NotEqual(erik, karin);
        Assert.NotEqual(erik, forged);
    }

    [Fact]
    public async Task PostEvents_AnotherCallerReusingASessionId_CannotAddToThatUsersSession()
    {
        var session = NewSessionId();
        var page = Page();
        await PostOneAsync("erik", session, "deflectionConfirmed", $$""","articleId":"vpn","route":"{{page}}" """);
        await PostOneAsync(null, session, "deflectionConfirmed", $$""","articleId":"printer","route":"{{page}}" """);

        var events = await fixture.Sink.WaitForMatchesAsync(e => e.Route == page, 2);
        var erik = events.Single(e => e.ArticleId == "vpn");
        var other = events.Single(e => e.ArticleId == "printer");
        Assert.NotEqual(erik.SessionId, other.SessionId);
        Assert.NotEqual(erik.UserKey, other.UserKey);
    }

    [Fact]
    public async Task PostEvents_FieldsOfOtherKinds_AreLeftOut()
    {
        var session = NewSessionId();
        var page = Page();
        await PostOneAsync("erik", session, "contactStarted", $$""","query":"my salary 40000","articleId":"vpn","reason":"x","route":"{{page}}" """);

        var contact = Assert.Single(await fixture.Sink.WaitForMatchesAsync(e => e.Route == page, 1));
        Assert.Equal((null, null, null), (contact.Query, contact.ArticleId, contact.Reason));
    }

    [Theory]
    [InlineData("""{"kind":"hack"}""", "events[0].kind", "kind must be one of")]
    [InlineData("""{"kind":"5"}""", "events[0].kind", "kind must be one of")]
    [InlineData("""{"kind":"search","query":"vpn\u0007","resultCount":1}""", "events[0].query", "control character")]
    [InlineData("""{"kind":"articleViewed","articleId":"<script>alert(1)</script>"}""", "events[0].articleId", "must be an id")]
    [InlineData("""{"kind":"announcementShown","announcementId":"../../etc/passwd"}""", "events[0].announcementId", "must be an id")]
    [InlineData("""{"kind":"sessionStarted","route":"/x\"><script>alert(1)</script>"}""", "events[0].route", "path that starts with /")]
    [InlineData("""{"kind":"sessionStarted","route":"//evil.example/x"}""", "events[0].route", "path that starts with /")]
    [InlineData("""{"kind":"sessionStarted","language":"en'; DROP TABLE help_events;--"}""", "events[0].language", "language tag")]
    [InlineData("""{"kind":"articleViewed","articleId":"vpn","source":"banner"}""", "events[0].source", "source must be")]
    [InlineData("""{"kind":"zeroResultSearch","query":"vpn","resultCount":4}""", "events[0].resultCount", "resultCount must be")]
    [InlineData("""{"kind":"vote","articleId":"vpn"}""", "events[0].helpful", "helpful is required")]
    public async Task PostEvents_EventBreakingARule_AnswersValidationProblemNamingTheField_AndRecordsNothing(string fields, string field, string message)
    {
        var session = NewSessionId();
        var eventJson = fields.TrimEnd('}') + $$""","occurredAt":"{{Now}}","sessionId":"{{session}}"}""";
        using var response = await Client.SendAsync(
            Http.Post("events", Json($$"""{"events":[{"kind":"sessionStarted","occurredAt":"{{Now}}","sessionId":"{{session}}"},{{eventJson}}]}""".Replace("events[0]", "x", StringComparison.Ordinal))),
            Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_events", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors");
        var path = field.Replace("events[0]", "events[1]", StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty(path, out var messages), errors.ToString());
        Assert.Contains(message, messages[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await EventsOfSessionIdAsync(session));
    }

    [Theory]
    [InlineData(-25 * 60)]
    [InlineData(10)]
    [InlineData(60 * 24 * 365 * 30)]
    public async Task PostEvents_TimeFarFromTheServersClock_IsRefused(int minutesFromNow)
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(minutesFromNow).ToString("O", CultureInfo.InvariantCulture);
        using var response = await Client.SendAsync(
            Http.Post("events", Json($$"""{"events":[{"kind":"sessionStarted","occurredAt":"{{at}}","sessionId":"{{NewSessionId()}}"}]}""")),
            Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("within the last 24 hours", problem.GetProperty("errors").GetProperty("events[0].occurredAt")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("07.12.2026 13:00:00")]
    [InlineData("7/12/2026 1:00 PM")]
    [InlineData("2026-12-07T13:00:00,5+01:00")]
    public async Task PostEvents_TimeInALocalCulturesFormat_IsMalformed(string at)
    {
        using var response = await Client.SendAsync(
            Http.Post("events", Json($$"""{"events":[{"kind":"sessionStarted","occurredAt":"{{at}}","sessionId":"{{NewSessionId()}}"}]}""")),
            Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("malformed_json", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task PostEvents_InSwedish_AnswersInSwedish_FieldMessagesToo()
    {
        var request = Http.Post("events", Json($$"""{"events":[{"kind":"hack","occurredAt":"{{Now}}","sessionId":"{{NewSessionId()}}"}]}"""));
        request.Headers.AcceptLanguage.ParseAdd("sv-SE");
        using var response = await Client.SendAsync(request, Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Några händelser", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("händelsetyperna", problem.GetProperty("errors").GetProperty("events[0].kind")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEvents_MoreThanAHundred_IsRefused()
    {
        var session = NewSessionId();
        var one = $$"""{"kind":"contactStarted","occurredAt":"{{Now}}","sessionId":"{{session}}"}""";
        using var response = await Client.SendAsync(Http.Post("events", Json("{\"events\":[" + string.Join(',', Enumerable.Repeat(one, 101)) + "]}")), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("too_many_events", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"events":[]}""", "required")]
    [InlineData("""{}""", "required")]
    [InlineData("""{"events":[null]}""", "invalid_events")]
    [InlineData("""{"events":"all"}""", "malformed_json")]
    [InlineData("""[1,2,3]""", "malformed_json")]
    [InlineData("""{"events":[{"kind":"search","resultCount":"many"}]}""", "malformed_json")]
    public async Task PostEvents_BodyOfTheWrongShape_IsRefused(string body, string code)
    {
        using var response = await Client.SendAsync(Http.Post("events", Json(body)), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task PostEvents_Oversize_AnswersPayloadTooLarge()
    {
        var body = "{\"events\":[{\"kind\":\"search\",\"query\":\"" + new string('a', 70 * 1024) + "\"}]}";
        using var response = await Client.SendAsync(Http.Post("events", Json(body)), Token);

        await Http.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostEvents_NotJson_AnswersUnsupportedMediaType()
    {
        using var response = await Client.SendAsync(Http.Post("events", new StringContent("kind=search", Encoding.UTF8, "application/x-www-form-urlencoded")), Token);

        await Http.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task PostEvents_FromAnotherSitesPage_IsRefused()
    {
        var request = Http.Post("events", Json($$"""{"events":[{"kind":"sessionStarted","occurredAt":"{{Now}}","sessionId":"{{NewSessionId()}}"}]}"""), "erik");
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await Client.SendAsync(request, Token);

        await Http.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PostEvents_OverTheCallersLimit_AnswersTooManyRequestsWithRetryAfter()
    {
        await using var server = await ApiServer.StartAsync(api: o => o.EventPermitLimit = 2, cancellationToken: Token);
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await server.Client.SendAsync(
                Http.Post("events", Json($$"""{"events":[{"kind":"contactStarted","occurredAt":"{{Now}}","sessionId":"{{NewSessionId()}}"}]}"""), "erik"),
                Token);
            if (i < 2)
            {
                Assert.Equal(HttpStatusCode.Accepted, last.StatusCode);
            }
        }

        using (last)
        {
            var problem = await Http.ProblemAsync(last!, HttpStatusCode.TooManyRequests);
            Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
            Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
    }

    private static string NewSessionId() => Guid.NewGuid().ToString("N");

    /// <summary>A page of a test's own, of letters only: the scrubber would take a run of digits for a number.</summary>
    private static string Page() => "/t/" + string.Concat(Guid.NewGuid().ToString("N").Select(c => char.IsDigit(c) ? (char)('g' + (c - '0')) : c));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private async Task PostOneAsync(string? user, string session, string kind, string extra)
    {
        using var response = await Client.SendAsync(
            Http.Post("events", Json($$"""{"events":[{"kind":"{{kind}}","occurredAt":"{{Now}}","sessionId":"{{session}}"{{extra}}}]}"""), user),
            Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Posts a contact started on a page of its own and gives the user key it was stored with.</summary>
    private async Task<string> UserKeyAsync(string? user, string session, string extra)
    {
        var route = Page();
        await PostOneAsync(user, session, "contactStarted", $$""","route":"{{route}}"{{extra}}""");
        return Assert.Single(await fixture.Sink.WaitForMatchesAsync(e => e.Route == route, 1)).UserKey;
    }

    /// <summary>Counts the events the server's SQLite store holds for a (server-side) session id.</summary>
    private async Task<long> EventsOfAsync(string storedSessionId)
    {
        await using var connection = new SqliteConnection(fixture.Server.DatabaseConnectionString);
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM help_events WHERE session_id = $session";
        command.Parameters.AddWithValue("$session", storedSessionId);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    /// <summary>Counts the events of any caller's session made from a client's session id (the server derives its own ids from it).</summary>
    private async Task<int> EventsOfSessionIdAsync(string clientSessionId)
    {
        // A valid event posted after the refused one is recorded behind it: once it arrives, anything refused would have too.
        var marker = Page();
        await PostOneAsync(null, clientSessionId, "contactStarted", $$""","route":"{{marker}}" """);
        var after = Assert.Single(await fixture.Sink.WaitForMatchesAsync(e => e.Route == marker, 1));
        return (int)await EventsOfAsync(after.SessionId) - 1;
    }
}

/// <summary>What <c>POST events</c> measures: events by what became of them, refusals by rule. Alone: the meters are static.</summary>
[Collection(nameof(EventTelemetryTests))]
[CollectionDefinition(nameof(EventTelemetryTests), DisableParallelization = true)]
public sealed class EventTelemetryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostEvents_CountsRecordedEvents_AndEventsNotRecordedWhenNothingKeepsThem_WithoutTheirText()
    {
        using var received = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(null, "HelpWidget.AspNetCore", "helpwidget.api.events.received");
        using var refused = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(null, "HelpWidget.AspNetCore", "helpwidget.api.validation_rejections");
        await using var server = await ApiServer.StartAsync(cancellationToken: Token);
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var session = Guid.NewGuid().ToString("N");

        using var ok = await server.Client.SendAsync(
            Http.Post("events", new StringContent($$"""{"events":[{"kind":"search","occurredAt":"{{now}}","sessionId":"{{session}}","query":"secret-text","resultCount":2},{"kind":"contactStarted","occurredAt":"{{now}}","sessionId":"{{session}}"}]}""", Encoding.UTF8, "application/json")),
            Token);
        using var bad = await server.Client.SendAsync(
            Http.Post("events", new StringContent($$"""{"events":[{"kind":"secret-text","occurredAt":"{{now}}","sessionId":"{{session}}"}]}""", Encoding.UTF8, "application/json")),
            Token);

        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(2, received.GetMeasurementSnapshot().Where(m => (string?)m.Tags["helpwidget.outcome"] == "recorded").Sum(m => m.Value));
        Assert.Contains(refused.GetMeasurementSnapshot(), m => (string?)m.Tags["helpwidget.endpoint"] == "events" && (string?)m.Tags["helpwidget.rule"] == "invalid_events");
        Assert.DoesNotContain(
            received.GetMeasurementSnapshot().Concat(refused.GetMeasurementSnapshot()).SelectMany(m => m.Tags.Values),
            v => v?.ToString()?.Contains("secret", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task PostEvents_ServerWithoutAStoreOrSink_AcceptsTheBatchButRecordsNone_AndSaysSo()
    {
        using var received = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(null, "HelpWidget.AspNetCore", "helpwidget.api.events.received");
        await using var server = await ApiServer.StartAsync(
            services: s => s.Configure<HelpInsightsOptions>(o => o.Enabled = false),
            cancellationToken: Token);
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

        using var response = await server.Client.SendAsync(
            Http.Post("events", new StringContent($$"""{"events":[{"kind":"contactStarted","occurredAt":"{{now}}","sessionId":"{{Guid.NewGuid():N}}"}]}""", Encoding.UTF8, "application/json")),
            Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(0, receipt.RootElement.GetProperty("accepted").GetInt32());
        var measurement = received.GetMeasurementSnapshot().Single(m => m.Value > 0);
        Assert.Equal((1, "recording_off"), (measurement.Value, (string?)measurement.Tags["helpwidget.outcome"]));
    }
}
