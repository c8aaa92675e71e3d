using HelpWidget.Testing;
using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Sqlite.Tests;

public sealed class SqliteTicketOutboxTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly SqliteTestFolder _files = new("hw-outbox-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly SqliteHelpStore _store;

    public SqliteTicketOutboxTests()
    {
        _store = Store("webhook", "itsm");
    }

    private string DatabasePath => _files.DatabasePath;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _store.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task SaveTicketAsync_WithSinks_QueuesOneDeliveryPerSinkAndRaisesDeliveriesQueued()
    {
        var raised = 0;
        _store.DeliveriesQueued += (_, _) => Interlocked.Increment(ref raised);

        await _store.SaveTicketAsync(Ticket("k1"), Token);
        await _store.SaveTicketAsync(Ticket("k1"), Token);

        Assert.Equal(["itsm:pending", "webhook:pending"], await QueryAsync("SELECT sink || ':' || state FROM ticket_deliveries ORDER BY sink"));
        Assert.Equal(1, raised);
    }

    [Fact]
    public async Task SaveTicketAsync_NoSinks_StoresTheTicketAsAnInboxWithoutDeliveries()
    {
        using var inbox = Store();

        await inbox.SaveTicketAsync(Ticket("k1"), Token);

        Assert.Single(await inbox.GetTicketsAsync(0, 10, Token));
        Assert.Empty(await QueryAsync("SELECT id FROM ticket_deliveries"));
    }

    [Fact]
    public async Task GetTicketAsync_CategoryFieldsAndAttachments_RoundTripByteForByte()
    {
        var binary = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31 % 256)).ToArray();
        var ticket = Ticket("files", attachments:
        [
            new TicketAttachment { FileName = "skärmbild 1.png", ContentType = "image/png", Content = binary },
            new TicketAttachment { FileName = "empty.txt", ContentType = "text/plain", Content = ReadOnlyMemory<byte>.Empty },
        ]);

        var receipt = await _store.SaveTicketAsync(ticket, Token);
        using var reopened = Store();
        var stored = (await reopened.GetTicketAsync(receipt.Reference, Token))!.Submission;

        Assert.Equal("access", stored.Category);
        Assert.Equal(new Dictionary<string, string> { ["asset-tag"] = "NB-1042", ["urgency"] = "high" }, stored.Fields);
        Assert.Equal(["skärmbild 1.png", "empty.txt"], stored.Attachments.Select(a => a.FileName));
        Assert.Equal("image/png", stored.Attachments[0].ContentType);
        Assert.Equal(binary, stored.Attachments[0].Content.ToArray());
        Assert.Equal(0, stored.Attachments[1].Content.Length);
    }

    [Fact]
    public async Task ClaimNextAsync_ReturnsTheOldestTicketWithItsAttachmentsAndAttemptNumber()
    {
        var first = await _store.SaveTicketAsync(Ticket("a", attachments: [new TicketAttachment { FileName = "log.txt", ContentType = "text/plain", Content = "boom"u8.ToArray() }]), Token);
        await _store.SaveTicketAsync(Ticket("b"), Token);

        var claim = await _store.ClaimNextAsync("webhook", Lease, Token);

        var delivery = claim.Delivery!;
        Assert.Equal((first.Reference, 1, "webhook"), (delivery.Delivery.Reference, delivery.Delivery.Attempt, delivery.SinkName));
        Assert.Equal("a", delivery.Delivery.IdempotencyKey);
        Assert.Equal("boom"u8.ToArray(), delivery.Delivery.Submission.Attachments[0].Content.ToArray());
        Assert.Equal(_time.GetUtcNow() + Lease, delivery.LeaseExpiresAt);
    }

    [Fact]
    public async Task ClaimNextAsync_HeadLeased_HoldsBackLaterTicketsUntilTheLeaseExpires()
    {
        await _store.SaveTicketAsync(Ticket("a"), Token);
        await _store.SaveTicketAsync(Ticket("b"), Token);
        var first = (await _store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        var whileLeased = await _store.ClaimNextAsync("webhook", Lease, Token);
        _time.Advance(Lease);
        var afterExpiry = (await _store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        Assert.Null(whileLeased.Delivery);
        Assert.Equal(first.LeaseExpiresAt, whileLeased.NextDueAt);
        Assert.Equal(("a", 2), (afterExpiry.Delivery.IdempotencyKey, afterExpiry.Delivery.Attempt));
        Assert.False(await _store.MarkFailedAsync(first, "late", _time.GetUtcNow(), Token));
    }

    [Fact]
    public async Task MarkFailedAsync_WithRetryTime_HoldsBackLaterTicketsOfThatSinkOnly()
    {
        await _store.SaveTicketAsync(Ticket("a"), Token);
        await _store.SaveTicketAsync(Ticket("b"), Token);
        var claim = (await _store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        var retryAt = _time.GetUtcNow().AddSeconds(30);

        Assert.True(await _store.MarkFailedAsync(claim, "HTTP 503", retryAt, Token));

        Assert.Equal(retryAt, (await _store.ClaimNextAsync("webhook", Lease, Token)).NextDueAt);
        Assert.Equal("a", (await _store.ClaimNextAsync("itsm", Lease, Token)).Delivery!.Delivery.IdempotencyKey);
        _time.Advance(TimeSpan.FromSeconds(30));
        var retry = (await _store.ClaimNextAsync("webhook", Lease, Token)).Delivery!.Delivery;
        Assert.Equal(("a", 2), (retry.IdempotencyKey, retry.Attempt));
    }

    [Fact]
    public async Task MarkDeliveredAsync_MovesTheQueueOnAndEmptiesIt()
    {
        await _store.SaveTicketAsync(Ticket("a"), Token);
        await _store.SaveTicketAsync(Ticket("b"), Token);

        var keys = new List<string>();
        while ((await _store.ClaimNextAsync("webhook", Lease, Token)).Delivery is { } claim)
        {
            keys.Add(claim.Delivery.IdempotencyKey);
            Assert.True(await _store.MarkDeliveredAsync(claim, Token));
            Assert.False(await _store.MarkDeliveredAsync(claim, Token));
        }

        Assert.Equal(["a", "b"], keys);
        Assert.Same(TicketOutboxClaim.Empty, await _store.ClaimNextAsync("webhook", Lease, Token));
    }

    [Fact]
    public async Task DeadLetters_AreSkippedListedAndQueuedAgainInTheirPlace()
    {
        var first = await _store.SaveTicketAsync(Ticket("a"), Token);
        await _store.SaveTicketAsync(Ticket("b"), Token);
        var claim = (await _store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        Assert.True(await _store.MarkFailedAsync(claim, "HTTP 400 Bad Request", retryAt: null, Token));
        var raised = 0;
        _store.DeliveriesQueued += (_, _) => raised++;

        var next = (await _store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        var letters = await _store.GetDeadLettersAsync(cancellationToken: Token);
        var retried = await _store.RetryDeadLettersAsync(first.Reference, "webhook", Token);
        await _store.MarkDeliveredAsync(next, Token);
        var again = (await _store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        Assert.Equal("b", next.Delivery.IdempotencyKey);
        var letter = Assert.Single(letters);
        Assert.Equal((first.Reference, "webhook", 1, "HTTP 400 Bad Request", _time.GetUtcNow()), (letter.Reference, letter.SinkName, letter.Attempts, letter.LastError, letter.FailedAt));
        Assert.Equal((1, 1), (retried, raised));
        Assert.Equal(("a", 1), (again.Delivery.IdempotencyKey, again.Delivery.Attempt));
        Assert.Empty(await _store.GetDeadLettersAsync(cancellationToken: Token));
    }

    [Fact]
    public async Task RetryDeadLettersAsync_NoFilter_QueuesEveryDeadLetterAgain()
    {
        foreach (var key in new[] { "a", "b" })
        {
            await _store.SaveTicketAsync(Ticket(key), Token);
            foreach (var sink in new[] { "webhook", "itsm" })
            {
                await _store.MarkFailedAsync((await _store.ClaimNextAsync(sink, Lease, Token)).Delivery!, "rejected", null, Token);
            }
        }

        Assert.Equal(4, (await _store.GetDeadLettersAsync(cancellationToken: Token)).Count);
        Assert.Equal(0, await _store.RetryDeadLettersAsync("HW-999999", cancellationToken: Token));
        Assert.Equal(4, await _store.RetryDeadLettersAsync(cancellationToken: Token));
        Assert.Empty(await _store.GetDeadLettersAsync(cancellationToken: Token));
    }

    [Fact]
    public async Task ClaimNextAsync_ConcurrentClaimersOnTwoStores_NeverHandOneDeliveryToTwoClaimers()
    {
        using var other = Store("webhook", "itsm");
        using var realClock = new SqliteHelpStore(Options.Create(new SqliteStoreOptions { ConnectionString = $"Data Source={DatabasePath}" }), sinks: [new NamedSink("webhook"), new NamedSink("itsm")]);
        for (var i = 0; i < 60; i++)
        {
            await realClock.SaveTicketAsync(Ticket($"t{i:D3}"), Token);
        }

        var claims = new ConcurrentBag<(string Sink, string Key, string Lease)>();
        var stores = new[] { _store, other };
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(
            async () =>
            {
                var store = stores[worker % 2];
                var sink = worker % 4 < 2 ? "webhook" : "itsm";
                var idle = 0;
                while (idle < 50)
                {
                    if ((await store.ClaimNextAsync(sink, Lease, Token)).Delivery is { } claim)
                    {
                        claims.Add((sink, claim.Delivery.IdempotencyKey, claim.LeaseId));
                        Assert.True(await store.MarkDeliveredAsync(claim, Token));
                        idle = 0;
                    }
                    else
                    {
                        idle++;
                    }
                }
            },
            Token)));

        foreach (var sink in new[] { "webhook", "itsm" })
        {
            var keys = claims.Where(c => c.Sink == sink).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(Enumerable.Range(0, 60).Select(i => $"t{i:D3}"), keys);
        }

        Assert.Equal(120, claims.Select(c => c.Lease).Distinct().Count());
    }

    [Fact]
    public async Task SaveTicketAsync_FailureAfterTheTicketRow_StoresNothingHalfWay()
    {
        using var broken = Store("webhook", "broken");
        await ExecuteAsync("""
            CREATE TRIGGER refuse_broken BEFORE INSERT ON ticket_deliveries WHEN NEW.sink = 'broken'
            BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END;
            """);

        var ticket = Ticket("half", attachments: [new TicketAttachment { FileName = "a.txt", ContentType = "text/plain", Content = new byte[] { 1, 2, 3 } }]);
        await Assert.ThrowsAsync<SqliteException>(() => broken.SaveTicketAsync(ticket, Token));

        Assert.Empty(await QueryAsync("SELECT id FROM tickets"));
        Assert.Empty(await QueryAsync("SELECT ticket_id FROM ticket_attachments"));
        Assert.Empty(await QueryAsync("SELECT id FROM ticket_deliveries"));
    }

    [Theory]
    [InlineData("oversize-subject")]
    [InlineData("header-injection-subject")]
    [InlineData("header-injection-email")]
    [InlineData("control-character")]
    [InlineData("lone-surrogate")]
    [InlineData("oversize-attachment")]
    [InlineData("attachment-path")]
    [InlineData("oversize-field")]
    [InlineData("field-key-with-space")]
    public async Task SaveTicketAsync_HostileTicket_IsRejectedAndNothingIsStored(string hostile)
    {
        var valid = Ticket("hostile");
        var ticket = hostile switch
        {
            "oversize-subject" => Copy(valid, subject: new string('x', TicketSubmission.MaxSubjectLength + 1)),
            "header-injection-subject" => Copy(valid, subject: "Help\r\nBcc: everyone@example.com"),
            "header-injection-email" => Copy(valid, email: "alex@example.com\r\nX-Injected: 1"),
            "control-character" => Copy(valid, description: "text\u0007bell"),
            "lone-surrogate" => Copy(valid, subject: "broken \uD800 text"),
            "oversize-attachment" => Copy(valid, attachments: [new TicketAttachment { FileName = "big.bin", ContentType = "application/octet-stream", Content = new byte[TicketAttachment.MaxContentLength + 1] }]),
            "attachment-path" => Copy(valid, attachments: [new TicketAttachment { FileName = "../../etc/passwd", ContentType = "text/plain", Content = new byte[] { 1 } }]),
            "oversize-field" => Copy(valid, fields: new Dictionary<string, string> { ["notes"] = new string('x', 2001) }),
            _ => Copy(valid, fields: new Dictionary<string, string> { ["bad key"] = "v" }),
        };

        await Assert.ThrowsAsync<ArgumentException>(() => _store.SaveTicketAsync(ticket, Token));

        Assert.Empty(await QueryAsync("SELECT id FROM tickets"));
        Assert.Empty(await QueryAsync("SELECT ticket_id FROM ticket_attachments"));
        Assert.Empty(await QueryAsync("SELECT id FROM ticket_deliveries"));
    }

    [Fact]
    public async Task SaveTicketAsync_ScriptInEveryTextField_IsStoredVerbatimAsData()
    {
        const string Script = "<script>alert('x')</script>";
        var ticket = Copy(Ticket("script"), subject: Script, description: Script, fields: new Dictionary<string, string> { ["notes"] = Script });

        var stored = (await _store.GetTicketAsync((await _store.SaveTicketAsync(ticket, Token)).Reference, Token))!.Submission;

        Assert.Equal((Script, Script, Script), (stored.Subject, stored.Description, stored.Fields["notes"]));
    }

    [Fact]
    public async Task GetTicketsAsync_ListsNewestFirstInPages()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.SaveTicketAsync(Ticket($"k{i}"), Token);
        }

        var firstPage = await _store.GetTicketsAsync(0, 2, Token);
        var lastPage = await _store.GetTicketsAsync(4, 2, Token);

        Assert.Equal(["k4", "k3"], firstPage.Select(t => t.Submission.IdempotencyKey));
        Assert.Equal(["k0"], lastPage.Select(t => t.Submission.IdempotencyKey));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.GetTicketsAsync(0, 101, Token));
    }

    [Fact]
    public async Task Store_TicketsTableOfAnEarlierVersion_IsMigratedKeepsItsTicketsAndQueuesNewOnes()
    {
        var legacy = _files.PathOf("legacy.db");
        await using (var connection = new SqliteConnection($"Data Source={legacy}"))
        {
            await connection.OpenAsync(Token);
            await using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE tickets (id INTEGER PRIMARY KEY AUTOINCREMENT, reference TEXT UNIQUE, idempotency_key TEXT NOT NULL UNIQUE,
                    subject TEXT NOT NULL, description TEXT NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL, language TEXT, route TEXT,
                    context_json TEXT NOT NULL, submitted_at TEXT NOT NULL);
                CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, feedback_id TEXT, article_id TEXT NOT NULL, language TEXT NOT NULL,
                    helpful INTEGER NOT NULL, reason TEXT, comment TEXT, route TEXT, created_at TEXT NOT NULL);
                INSERT INTO tickets (reference, idempotency_key, subject, description, name, email, context_json, submitted_at)
                VALUES ('HW-000001', 'old', 'Printer', 'Jammed.', 'Kim', 'kim@example.com', '{"searches":"printer"}', '2026-01-01T00:00:00.0000000+00:00');
                """;
            await create.ExecuteNonQueryAsync(Token);
        }

        using var store = new SqliteHelpStore(Options.Create(new SqliteStoreOptions { ConnectionString = $"Data Source={legacy}" }), sinks: [new NamedSink("webhook")], timeProvider: _time);
        var old = (await store.GetTicketAsync("HW-000001", Token))!.Submission;
        var added = await store.SaveTicketAsync(Ticket("new", attachments: [new TicketAttachment { FileName = "a.png", ContentType = "image/png", Content = new byte[] { 9 } }]), Token);
        var claim = (await store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        Assert.Equal(("Printer", null, 0, 0, "printer"), (old.Subject, old.Category, old.Fields.Count, old.Attachments.Count, old.Context["searches"]));
        Assert.Matches("^HW-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", added.Reference); // new tickets get unguessable references
        Assert.Equal("Printer", (await store.GetTicketAsync("hw-000001", Token))?.Submission.Subject);
        Assert.Equal((added.Reference, "access", 1), (claim.Delivery.Reference, claim.Delivery.Submission.Category, claim.Delivery.Submission.Attachments.Count));
    }

    private SqliteHelpStore Store(params string[] sinks) =>
        new(Options.Create(new SqliteStoreOptions { ConnectionString = $"Data Source={DatabasePath}" }), sinks: sinks.Select(name => new NamedSink(name)), timeProvider: _time);

    private async Task<List<string>> QueryAsync(string sql)
    {
        // A rejected ticket never opens the file: open it through the store so the tables exist to be counted.
        await _store.GetTicketAsync("HW-000000", Token);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Token);
        var values = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    [Fact]
    public async Task ReleaseAsync_HeldLease_MakesTheDeliveryDueAtOnceWithTheSameAttempt()
    {
        await _store.SaveTicketAsync(Ticket("a"), Token);
        var claim = (await _store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        Assert.True(await _store.ReleaseAsync(claim, Token));
        Assert.False(await _store.ReleaseAsync(claim, Token));
        var again = (await _store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        Assert.Equal(1, again.Delivery.Attempt);
        var queue = (await _store.GetQueuesAsync(Token)).Single(q => q.SinkName == "webhook");
        Assert.Equal((1, 1, 0), (queue.Pending, queue.InFlight, queue.DeadLetters));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), queue.OldestPendingSubmittedAt);
    }

    private async Task ExecuteAsync(string sql)
    {
        await _store.GetTicketAsync("HW-000000", Token);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Token);
    }

    private static TicketSubmission Ticket(string key, IReadOnlyList<TicketAttachment>? attachments = null) => new()
    {
        IdempotencyKey = key,
        Subject = "Cannot open the expense app",
        Description = "It says access denied.\nI tried the article on roles.",
        Name = "Alex Lindqvist",
        Email = "alex@example.com",
        Category = "access",
        Fields = new Dictionary<string, string> { ["asset-tag"] = "NB-1042", ["urgency"] = "high" },
        Attachments = attachments ?? [],
        Language = "sv",
        Route = "/expenses/new",
        Context = new Dictionary<string, string> { ["searches"] = "access denied (0)" },
        SubmittedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
    };

    private static TicketSubmission Copy(
        TicketSubmission ticket,
        string? subject = null,
        string? description = null,
        string? email = null,
        IReadOnlyDictionary<string, string>? fields = null,
        IReadOnlyList<TicketAttachment>? attachments = null) => new()
    {
        IdempotencyKey = ticket.IdempotencyKey,
        Subject = subject ?? ticket.Subject,
        Description = description ?? ticket.Description,
        Name = ticket.Name,
        Email = email ?? ticket.Email,
        Category = ticket.Category,
        Fields = fields ?? ticket.Fields,
        Attachments = attachments ?? ticket.Attachments,
        Language = ticket.Language,
        Route = ticket.Route,
        Context = ticket.Context,
        SubmittedAt = ticket.SubmittedAt,
    };

    private sealed class NamedSink(string name) : ITicketSink
    {
        public string Name { get; } = name;

        public Task DeliverAsync(TicketDelivery delivery, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The store never delivers.");
    }
}
