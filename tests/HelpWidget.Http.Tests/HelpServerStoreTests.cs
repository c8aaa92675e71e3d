using System.Globalization;
using System.Text;
using HelpWidget.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Http.Tests;

/// <summary>One help server shared by the store tests; each test makes its own tickets.</summary>
public sealed class StoreServerFixture : IAsyncLifetime
{
    public TestHelpServer Server { get; private set; } = default!;

    public async ValueTask InitializeAsync() => Server = await TestHelpServer.StartAsync(
        TestData.Articles,
        TestData.Announcements,
        services: services => services.Configure<TicketAttachmentOptions>(o =>
        {
            o.MaxFileBytes = 64 * 1024;
            o.MaxTotalBytes = 64 * 1024;
        }),
        cancellationToken: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>Tickets and feedback go to the help server; its refusals come back as clear exceptions, never as "offline".</summary>
public sealed class HelpServerStoreTests(StoreServerFixture fixture) : IClassFixture<StoreServerFixture>, IAsyncDisposable
{
    private readonly List<TestClient> _clients = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private TestHelpServer Server => fixture.Server;

    [Fact]
    public async Task SaveTicketAsync_WithAttachments_IsStoredWithTheFilesAndReadBackBySender()
    {
        var client = Client(TestData.Owner);
        var log = Encoding.UTF8.GetBytes("VPN error 809");
        var ticket = TestData.Ticket(null, TestData.File("log.txt", "text/plain", log), TestData.File("screen.png", "image/png", TestData.Png));

        var receipt = await client.Store.SaveTicketAsync(ticket, Token);
        var readBack = await client.Store.GetTicketAsync(receipt.Reference, Token);

        Assert.True(receipt.Created);
        Assert.Equal(receipt.Reference, readBack!.Reference);
        Assert.Equal(ticket.Subject, readBack.Submission.Subject);
        Assert.Equal(ticket.Description, readBack.Submission.Description);
        Assert.Equal(["log.txt", "screen.png"], readBack.Submission.Attachments.Select(a => a.FileName));
        var stored = await Server.Store.GetTicketAsync(receipt.Reference, Token);
        Assert.Equal(log, stored!.Submission.Attachments[0].Content.ToArray());
        Assert.Equal(TestData.Png, stored.Submission.Attachments[1].Content.ToArray());
        Assert.Equal("ticket-owner", stored.Submission.Context["userId"]);
        Assert.Equal("erik@example.com", stored.Submission.Email);
    }

    [Fact]
    public async Task SaveTicketAsync_ContextTheWidgetGathered_TravelsWithTheTicketAndTheServerSaysWhoSentIt()
    {
        var client = Client(TestData.Owner);
        var ticket = TestData.Ticket();
        ticket = new TicketSubmission
        {
            IdempotencyKey = ticket.IdempotencyKey,
            Subject = ticket.Subject,
            Description = ticket.Description,
            Name = ticket.Name,
            Email = ticket.Email,
            Route = "/expenses/new",
            Language = "sv",
            Fields = new Dictionary<string, string> { ["costCenter"] = "4711" },
            Context = new Dictionary<string, string> { ["searches"] = "receipt | expense", ["articlesRead"] = "expense-claim", ["app"] = "Expenses", ["userId"] = "someone-else" },
            SubmittedAt = ticket.SubmittedAt,
        };

        var receipt = await client.Store.SaveTicketAsync(ticket, Token);

        var stored = (await Server.Store.GetTicketAsync(receipt.Reference, Token))!.Submission;
        Assert.Equal(("receipt | expense", "expense-claim", "Expenses"), (stored.Context["searches"], stored.Context["articlesRead"], stored.Context["app"]));
        Assert.Equal(("ticket-owner", "/expenses/new", "sv"), (stored.Context["userId"], stored.Context["page"], stored.Context["culture"]));
        Assert.Equal("4711", stored.Fields["costCenter"]);
    }

    [Fact]
    public async Task SaveTicketAsync_FirstResponseLostAfterTheServerStoredIt_RetryReturnsTheSameTicketAndCreatesNoSecond()
    {
        var lose = new LoseFirstResponse();
        var client = Client(TestData.Owner, services: s => s.AddHttpClient(HelpServerOptions.HttpClientName).AddHttpMessageHandler(() => lose));
        var ticket = TestData.Ticket(null, TestData.File("screen.png", "image/png", TestData.Png));

        var receipt = await client.Store.SaveTicketAsync(ticket, Token);

        Assert.Equal(2, lose.Posts);
        var saves = Server.Store.Saves.Where(s => s.Key == ticket.IdempotencyKey).ToList();
        Assert.Equal([true, false], saves.Select(s => s.Created));
        Assert.Equal(TestData.Png, (await Server.Store.GetTicketAsync(receipt.Reference, Token))!.Submission.Attachments.Single().Content.ToArray());
        Assert.Equal("The VPN does not connect", (await client.Store.GetTicketAsync(receipt.Reference, Token))!.Submission.Subject);
        Assert.True(client.Connectivity.IsOnline);
    }

    [Fact]
    public async Task SaveTicketAsync_AnonymousOnAServerThatTakesThem_RetryAfterALostAnswerStoresOneTicket()
    {
        await using var server = await TestHelpServer.StartAsync(
            TestData.Articles,
            services: s => s.Configure<HelpWidget.AspNetCore.HelpWidgetApiOptions>(o => o.AllowAnonymousTickets = true),
            cancellationToken: Token);
        var lose = new LoseFirstResponse();
        await using var client = new TestClient(server.Address, services: s => s.AddHttpClient(HelpServerOptions.HttpClientName).AddHttpMessageHandler(() => lose));
        var ticket = TestData.Ticket();

        var receipt = await client.Store.SaveTicketAsync(ticket, Token);
        var readBack = await Assert.ThrowsAsync<HelpServerException>(() => client.Store.GetTicketAsync(receipt.Reference, Token));

        Assert.Equal([true, false], server.Store.Saves.Where(s => s.Key == ticket.IdempotencyKey).Select(s => s.Created));
        Assert.False((await server.Store.GetTicketAsync(receipt.Reference, Token))!.Submission.Context.ContainsKey("userId"));
        Assert.Equal((401, "sign_in_required", false), (readBack.StatusCode, readBack.Code, readBack.IsUnavailable));
    }

    [Fact]
    public async Task GetTicketAsync_AnotherUsersTicketOrUnknownReference_ReturnsNull()
    {
        var receipt = await Client(TestData.Owner).Store.SaveTicketAsync(TestData.Ticket(), Token);
        var other = Client(new HelpUser { Id = "someone-else", Audiences = ["manager"] });

        Assert.Null(await other.Store.GetTicketAsync(receipt.Reference, Token));
        Assert.Null(await other.Store.GetTicketAsync("HW-999999", Token));
        Assert.Null(await other.Store.GetTicketAsync("../../etc/passwd", Token));
        Assert.True(other.Connectivity.IsOnline);
    }

    [Fact]
    public async Task SaveTicketAsync_NotSignedIn_ThrowsSignInRequiredAndStaysOnline()
    {
        var client = Client(null);

        var ex = await InCultureAsync("en-GB", () => Assert.ThrowsAsync<HelpServerException>(() => client.Store.SaveTicketAsync(TestData.Ticket(), Token)));

        Assert.Equal((401, "sign_in_required", false), (ex.StatusCode, ex.Code, ex.IsUnavailable));
        Assert.Equal("The help server refused tickets (401): Sign in to send a ticket or read it back.", ex.Message);
        Assert.True(client.Connectivity.IsOnline);
    }

    [Fact]
    public async Task SaveTicketAsync_FileTheServerRefuses_ThrowsWithTheFieldAndStaysOnline()
    {
        var client = Client(TestData.Owner);
        var ticket = TestData.Ticket(null, TestData.File("photo.png", "image/png", Encoding.UTF8.GetBytes("this is text, not a picture")));

        var ex = await Assert.ThrowsAsync<HelpServerException>(() => client.Store.SaveTicketAsync(ticket, Token));

        Assert.Equal((400, "invalid_ticket", false), (ex.StatusCode, ex.Code, ex.IsUnavailable));
        Assert.Contains("does not hold what its name says", Assert.Single(ex.Errors["files"]), StringComparison.Ordinal);
        Assert.Contains("files: File 1 does not hold what its name says.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.Store.Saves, s => s.Key == ticket.IdempotencyKey);
        Assert.True(client.Connectivity.IsOnline);
    }

    [Fact]
    public async Task SaveTicketAsync_RefusedInASwedishApp_SaysWhyInSwedish()
    {
        var client = Client(null);

        var ex = await InCultureAsync("sv-SE", () => Assert.ThrowsAsync<HelpServerException>(() => client.Store.SaveTicketAsync(TestData.Ticket(), Token)));

        Assert.Equal("The help server refused tickets (401): Logga in för att skicka ett ärende eller läsa det igen.", ex.Message);
    }

    [Fact]
    public async Task SaveTicketAsync_LargerThanTheServerTakes_ThrowsBodyTooLargeAndStaysOnline()
    {
        var client = Client(TestData.Owner);
        var ticket = TestData.Ticket(null, TestData.File("big.txt", "text/plain", new byte[(1024 * 1024) + (200 * 1024)]));

        var ex = await Assert.ThrowsAsync<HelpServerException>(() => client.Store.SaveTicketAsync(ticket, Token));

        Assert.Equal((413, "body_too_large", false), (ex.StatusCode, ex.Code, ex.IsUnavailable));
        Assert.True(client.Connectivity.IsOnline);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("erik@example.com\nBcc: everyone@example.com")]
    public async Task SaveTicketAsync_TicketBreakingTheStoreRules_ThrowsArgumentExceptionBeforeSending(string email)
    {
        var client = Client(TestData.Owner);
        var ticket = TestData.Ticket();
        ticket = new TicketSubmission { IdempotencyKey = ticket.IdempotencyKey, Subject = ticket.Subject, Description = ticket.Description, Name = ticket.Name, Email = email, SubmittedAt = ticket.SubmittedAt };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Store.SaveTicketAsync(ticket, Token));

        Assert.Equal("Email", ex.ParamName);
        Assert.DoesNotContain(Server.Store.Saves, s => s.Key == ticket.IdempotencyKey);
    }

    [Fact]
    public async Task SaveFeedbackAsync_Answer_IsStoredByTheServer()
    {
        var client = Client(TestData.Owner);
        var id = Guid.NewGuid().ToString("N");

        await client.Store.SaveFeedbackAsync(new ArticleFeedback { FeedbackId = id, ArticleId = "vpn-connect", Language = "en", Helpful = false, Reason = "outdated", Comment = "The client looks different now.", Route = "/", Query = "vpn", CreatedAt = DateTimeOffset.UnixEpoch }, Token);

        var stored = Assert.Single(Server.Store.Feedback, f => f.FeedbackId == id);
        Assert.Equal(("vpn-connect", false, "outdated", "The client looks different now.", "vpn"), (stored.ArticleId, stored.Helpful, stored.Reason, stored.Comment, stored.Query));
    }

    [Fact]
    public async Task SaveFeedbackAsync_ArticleTheUserMayNotSee_ThrowsNotFoundAndStaysOnline()
    {
        var client = Client(TestData.Owner);

        var ex = await Assert.ThrowsAsync<HelpServerException>(() => client.Store.SaveFeedbackAsync(
            new ArticleFeedback { ArticleId = "salary-review", Language = "en", Helpful = true, CreatedAt = DateTimeOffset.UnixEpoch }, Token));

        Assert.Equal((404, "article_not_found", false), (ex.StatusCode, ex.Code, ex.IsUnavailable));
        Assert.True(client.Connectivity.IsOnline);
    }

    [Fact]
    public async Task LoadAnnouncementsAsync_ForEachCaller_ListsTheirAnnouncementsInEveryLanguageAndForgetsDismissedOnes()
    {
        var anonymous = Client(null);
        var manager = Client(TestData.Manager);

        var forAnyone = await anonymous.Announcements.LoadAnnouncementsAsync(Token);
        var before = await manager.Announcements.LoadAnnouncementsAsync(Token);
        await manager.Dismissals.DismissAsync(TestData.Manager.Id!, "maintenance", Token);
        var after = await manager.Announcements.LoadAnnouncementsAsync(Token);

        Assert.Equal(["expenses-closing/en", "maintenance/en", "maintenance/sv"], Keys(forAnyone));
        Assert.Equal(["expenses-closing/en", "maintenance/en", "maintenance/sv", "managers-deadline/en"], Keys(before));
        Assert.Equal(AnnouncementSeverity.Warning, before.First(a => a.Id == "maintenance").Severity);
        Assert.Equal(["/expenses"], before.Single(a => a.Id == "expenses-closing").Contexts);
        Assert.Equal(["expenses-closing/en", "managers-deadline/en"], Keys(after));
        Assert.Empty(await manager.Dismissals.GetDismissedAsync(TestData.Manager.Id!, Token));
    }

    [Fact]
    public async Task AnnouncementService_OfTheWidget_PicksByPageAndLanguageFromWhatTheServerSends()
    {
        var client = Client(null);
        using var scope = client.Services.CreateScope();
        var announcements = scope.ServiceProvider.GetRequiredService<HelpAnnouncementService>();

        var onExpenses = await announcements.GetCurrentAsync(HelpUser.Anonymous, new HelpContext { Route = "/expenses/new" }, "sv-SE", Token);
        var onProfile = await announcements.GetCurrentAsync(HelpUser.Anonymous, new HelpContext { Route = "/profile" }, "en", Token);

        Assert.Equal(["maintenance/sv", "expenses-closing/en"], Keys(onExpenses, sort: false));
        Assert.Equal(["maintenance/en"], Keys(onProfile));
    }

    [Fact]
    public async Task DismissAsync_UnknownAnnouncement_ChangesNothing()
    {
        var manager = Client(TestData.Manager);

        await manager.Dismissals.DismissAsync(TestData.Manager.Id!, "no-such-announcement", Token);
        await Assert.ThrowsAsync<ArgumentException>(() => manager.Dismissals.DismissAsync(TestData.Manager.Id!, "../maintenance", Token));

        Assert.True(manager.Connectivity.IsOnline);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task<T> InCultureAsync<T>(string name, Func<Task<T>> action)
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(name);
        try
        {
            return await action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    private static string[] Keys(IEnumerable<HelpAnnouncement> announcements, bool sort = true)
    {
        var keys = announcements.Select(a => a.Id + "/" + a.Language);
        return [.. sort ? keys.Order(StringComparer.Ordinal) : keys];
    }

    private TestClient Client(HelpUser? user, Action<IServiceCollection>? services = null)
    {
        var client = new TestClient(Server.Address, services: services);
        client.SignIn.User = user;
        _clients.Add(client);
        return client;
    }

    /// <summary>Lets the first ticket reach the server, then loses its answer as a dropped connection does.</summary>
    private sealed class LoseFirstResponse : DelegatingHandler
    {
        private int _posts;

        public int Posts => _posts;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method == HttpMethod.Post && Interlocked.Increment(ref _posts) == 1)
            {
                Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
                response.Dispose();
                throw new HttpRequestException("The connection was reset before the answer arrived.");
            }

            return response;
        }
    }
}
