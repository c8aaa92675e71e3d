using HelpWidget.Testing;

namespace HelpWidget.PostgreSql.Tests;

/// <summary>The store against a real server: what PostgreSQL itself could get wrong (types, text it cannot hold, concurrency).</summary>
public sealed class PostgreSqlHelpStoreTests(PostgreSqlTestServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_ticket_comes_back_exactly_as_submitted_with_its_attachments_fields_context_and_time()
    {
        await using var instance = TestStore.Create(await server.CreateDatabaseAsync(Token), PostgreSqlTestServer.NewSchema());
        var ticket = Ticket(
            "round-trip",
            category: "access",
            fields: new Dictionary<string, string> { ["zeta"] = "last", ["alpha"] = "first", ["tab"] = "a\tb" },
            attachments:
            [
                new TicketAttachment { FileName = "error.png", ContentType = "image/png", Content = new byte[] { 0, 1, 2, 255 } },
                new TicketAttachment { FileName = "log.txt", ContentType = "text/plain", Content = "line\r\n\0end"u8.ToArray() },
            ],
            submittedAt: new DateTimeOffset(2026, 12, 7, 16, 30, 12, 345, TimeSpan.FromHours(1)).AddTicks(6789));

        var receipt = await instance.Store.SaveTicketAsync(ticket, Token);
        var stored = await instance.Store.GetTicketAsync(receipt.Reference.ToLowerInvariant(), Token);

        Assert.True(receipt.Created);
        Assert.Matches("^HW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", receipt.Reference);
        Assert.NotNull(stored);
        var back = stored.Submission;
        Assert.Equal(ticket.SubmittedAt, back.SubmittedAt);
        Assert.Equal(ticket.SubmittedAt.Offset, back.SubmittedAt.Offset);
        Assert.Equal(ticket.SubmittedAt.Ticks, back.SubmittedAt.Ticks);
        Assert.Equal((ticket.Subject, ticket.Description, ticket.Name, ticket.Email, ticket.Language, ticket.Route, ticket.Category), (back.Subject, back.Description, back.Name, back.Email, back.Language, back.Route, back.Category));
        Assert.Equal(ticket.Fields.ToArray(), back.Fields.ToArray());
        Assert.Equal(ticket.Context.ToArray(), back.Context.ToArray());
        Assert.Equal(2, back.Attachments.Count);
        Assert.Equal(ticket.Attachments[1].Content.ToArray(), back.Attachments[1].Content.ToArray());
        Assert.Equal(["error.png", "log.txt"], back.Attachments.Select(a => a.FileName));
    }

    [Fact]
    public async Task Concurrent_submissions_of_one_key_from_two_instances_store_one_ticket_and_give_one_receipt()
    {
        var connectionString = await server.CreateDatabaseAsync(Token);
        await using var first = TestStore.Create(connectionString);
        await using var second = TestStore.Create(connectionString);
        await first.Database.EnsureMigratedAsync(Token);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? first : second).Store.SaveTicketAsync(Ticket("double-click"), Token)));

        Assert.Single(receipts, receipt => receipt.Created);
        Assert.Single(receipts.Select(receipt => receipt.Reference).Distinct());
        Assert.Equal(1, await first.Store.CountTicketsAsync(Token));
    }

    [Fact]
    public async Task A_reference_already_taken_is_drawn_again_and_a_broken_generator_fails_clearly()
    {
        var connectionString = await server.CreateDatabaseAsync(Token);
        await using var instance = TestStore.Create(connectionString);
        var taken = (await instance.Store.SaveTicketAsync(Ticket("first"), Token)).Reference;
        var draws = new Queue<string>([taken, taken, "HW-0000-0000-0001"]);
        var colliding = new PostgreSqlHelpStore(instance.Database, instance.Notifications) { NewReference = draws.Dequeue };

        Assert.Equal("HW-0000-0000-0001", (await colliding.SaveTicketAsync(Ticket("second"), Token)).Reference);

        var broken = new PostgreSqlHelpStore(instance.Database, instance.Notifications) { NewReference = () => taken };
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => broken.SaveTicketAsync(Ticket("third"), Token));
        Assert.Contains("reference", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, await instance.Store.CountTicketsAsync(Token));
    }

    [Theory]
    [InlineData("'); DROP TABLE tickets; --")]
    [InlineData("$1 $$ $tag$ ; SELECT pg_sleep(10); \\x00 %s {0} ?")]
    [InlineData("<script>alert(1)</script> \"quoted\" O'Brien 🙂 åäö ß ﬁ")]
    [InlineData("E'\\\\' || chr(0) || '")]
    public async Task Text_that_looks_like_SQL_round_trips_unchanged(string text)
    {
        await using var instance = TestStore.Create(await server.CreateDatabaseAsync(Token));
        var ticket = Ticket("sql", subject: text, description: text + "\n" + text, name: text[..Math.Min(text.Length, 100)]);
        var receipt = await instance.Store.SaveTicketAsync(ticket, Token);
        var stored = await instance.Store.GetTicketAsync(receipt.Reference, Token);
        await instance.Store.SaveFeedbackAsync(new ArticleFeedback { ArticleId = text, Language = "en", Helpful = true, Comment = text, Query = text, CreatedAt = DateTimeOffset.UnixEpoch }, Token);
        await instance.Dismissals.DismissAsync(text, text[..Math.Min(text.Length, 128)], Token);

        Assert.Equal((ticket.Subject, ticket.Description, ticket.Name), (stored!.Submission.Subject, stored.Submission.Description, stored.Submission.Name));
        var signals = await instance.Store.GetArticleSignalsAsync(Token);
        Assert.Equal([PostgreSqlHelpStore.NormaliseQuery(text)!], signals[text].HelpfulQueries);
        Assert.Contains(text[..Math.Min(text.Length, 128)], await instance.Dismissals.GetDismissedAsync(text, Token));
    }

    [Fact]
    public async Task Oversize_and_control_character_input_is_refused_before_the_database_and_lookups_of_it_find_nothing()
    {
        await using var instance = TestStore.Create(await server.CreateDatabaseAsync(Token));
        await Assert.ThrowsAsync<ArgumentException>(() => instance.Store.SaveTicketAsync(Ticket("nul", subject: "a\0b"), Token));
        await Assert.ThrowsAsync<ArgumentException>(() => instance.Store.SaveTicketAsync(Ticket("long", subject: new string('x', TicketSubmission.MaxSubjectLength + 1)), Token));
        await Assert.ThrowsAsync<ArgumentException>(() => instance.Store.SaveTicketAsync(Ticket("surrogate", name: "broken \ud800 text"), Token));
        await Assert.ThrowsAsync<ArgumentException>(() => instance.Dismissals.DismissAsync("user\0", "a", Token));
        await Assert.ThrowsAsync<ArgumentException>(() => instance.Dismissals.GetDismissedAsync(new string('u', 257), Token));

        foreach (var reference in new[] { "HW-\0", "HW-\ud800", new string('H', 100_000), "'; DROP TABLE tickets; --", "%", "HW-____-____-____" })
        {
            Assert.Null(await instance.Store.GetTicketAsync(reference, Token));
            Assert.Equal(0, await instance.Store.RetryDeadLettersAsync(reference, null, Token));
        }

        Assert.Equal(0, await instance.Store.CountTicketsAsync(Token));
    }

    [Fact]
    public async Task A_failure_text_PostgreSQL_cannot_hold_is_kept_readable()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000));
        await using var instance = TestStore.Create(await server.CreateDatabaseAsync(Token), time: time, sinks: "webhook");
        await instance.Store.SaveTicketAsync(Ticket("nul-error"), Token);
        var claim = await instance.Store.ClaimNextAsync("webhook", TimeSpan.FromMinutes(2), Token);

        Assert.True(await instance.Store.MarkFailedAsync(claim.Delivery!, "receiver said \0 and " + new string('x', 5000), null, Token));

        var letter = Assert.Single(await instance.Store.GetDeadLettersAsync(10, Token));
        Assert.StartsWith("receiver said \uFFFD and x", letter.LastError, StringComparison.Ordinal);
        Assert.Equal(2000, letter.LastError!.Length);
    }

    internal static TicketSubmission Ticket(
        string key,
        string subject = "VPN fails with error 809",
        string description = "I tried the troubleshooting article.\nStill failing.",
        string name = "Alex Lindqvist",
        string? category = null,
        Dictionary<string, string>? fields = null,
        TicketAttachment[]? attachments = null,
        DateTimeOffset? submittedAt = null) => new()
    {
        IdempotencyKey = key,
        Subject = subject,
        Description = description,
        Name = name,
        Email = "alex@example.com",
        Language = "en",
        Route = "/expenses/new",
        Category = category,
        Fields = fields ?? new Dictionary<string, string>(),
        Attachments = attachments ?? [],
        Context = new Dictionary<string, string> { ["searches"] = "vpn (2)", ["browser"] = "Firefox" },
        SubmittedAt = submittedAt ?? new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
    };
}
