using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Testing;

/// <summary>
/// The behaviour every <see cref="IHelpStore"/> must have: a ticket is committed before its receipt, once per
/// idempotency key, under a reference that cannot be guessed; it reads back whole (fields, context, attachments byte for
/// byte); hostile input is refused or kept as data; "Was this helpful?" answers are checked before they are kept.
/// </summary>
/// <remarks>A store's test class derives from it and overrides <see cref="StoreConformanceTests.AddStoreAsync"/>.</remarks>
public abstract class HelpStoreConformanceTests : StoreConformanceTests
{
    /// <summary>Gets the store of the instance every test starts with, which has no ticket sinks.</summary>
    protected IHelpStore Store { get; private set; } = default!;

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Store = (await StartInstanceAsync()).GetRequiredService<IHelpStore>();
    }

    /// <summary>Gets hostile tickets, by name, that every store refuses.</summary>
    public static TheoryData<string> HostileTickets { get; } =
    [
        "oversize-subject", "header-injection-subject", "header-injection-email", "control-character", "lone-surrogate",
        "oversize-attachment", "attachment-path", "oversize-field", "field-key-with-space",
    ];

    /// <summary>Gets references that name no ticket, hostile ones among them.</summary>
    public static TheoryData<string> UnknownReferences { get; } =
    [
        "HW-999999", "HW-0000-0000-0000", "", " ", "'; DROP TABLE tickets; --", "%", "_", "*", "HW-%", "../../etc/passwd",
        "hw\u0000-1", new string('H', 5000), "<script>alert(1)</script>",
    ];

#pragma warning disable CS1591 // Each test is documented by its name (Method_Scenario_Expectation), which is what a test runner reports.
    [Fact]
    public async Task SaveTicketAsync_NewTicket_IsCommittedBeforeTheReceiptAndReadByAnotherInstance()
    {
        var ticket = Ticket("k1");

        var receipt = await Store.SaveTicketAsync(ticket, Token);
        var other = (await StartInstanceAsync()).GetRequiredService<IHelpStore>();
        var stored = await other.GetTicketAsync(receipt.Reference, Token);

        Assert.True(receipt.Created);
        Assert.Equal(ticket.SubmittedAt, receipt.SubmittedAt);
        Assert.NotNull(stored);
        Assert.Equal(receipt.Reference, stored.Reference);
        Assert.Equal((ticket.IdempotencyKey, ticket.Subject, ticket.Description, ticket.Name, ticket.Email), (stored.Submission.IdempotencyKey, stored.Submission.Subject, stored.Submission.Description, stored.Submission.Name, stored.Submission.Email));
        Assert.Equal((ticket.Language, ticket.Route, ticket.SubmittedAt), (stored.Submission.Language, stored.Submission.Route, stored.Submission.SubmittedAt));
    }

    [Fact]
    public async Task SaveTicketAsync_SameKeyTwice_StoresOneTicketAndReturnsTheFirstReceipt()
    {
        var first = await Store.SaveTicketAsync(Ticket("same"), Token);
        Time.Advance(TimeSpan.FromMinutes(1));

        var second = await Store.SaveTicketAsync(Ticket("same").With(subject: "A second try"), Token);

        Assert.Equal((first.Reference, first.SubmittedAt, false), (second.Reference, second.SubmittedAt, second.Created));
        Assert.Equal("Cannot open the expense app", (await Store.GetTicketAsync(first.Reference, Token))!.Submission.Subject);
    }

    [Fact]
    public async Task SaveTicketAsync_ConcurrentSubmissionsOnTwoInstances_NoneLostNoneDuplicated()
    {
        var stores = new[] { Store, (await StartInstanceAsync()).GetRequiredService<IHelpStore>() };
        var keys = Enumerable.Range(0, 40).Select(i => $"key-{i % 20}").ToArray();

        var receipts = await Task.WhenAll(keys.Select((key, i) => Task.Run(() => stores[i % 2].SaveTicketAsync(Ticket(key), Token), Token)));

        Assert.Equal(20, receipts.Count(r => r.Created));
        Assert.Equal(20, receipts.Select(r => r.Reference).Distinct().Count());
        foreach (var group in receipts.Zip(keys).GroupBy(pair => pair.Second))
        {
            Assert.Single(group.Select(pair => pair.First.Reference).Distinct());
        }
    }

    [Fact]
    public async Task SaveTicketAsync_References_AreDistinctAndNotInTheOrderOfSubmission()
    {
        var references = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            references.Add((await Store.SaveTicketAsync(Ticket($"k{i}"), Token)).Reference);
        }

        Assert.Equal(20, references.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        // Numbered references let anyone read the next person's ticket; random ones come in no order (20! orders to one).
        Assert.NotEqual(references.Order(StringComparer.Ordinal), references);
        Assert.NotEqual(references.OrderDescending(StringComparer.Ordinal), references);
    }

    [Theory]
    [MemberData(nameof(HostileTickets))]
    public async Task SaveTicketAsync_HostileTicket_IsRefusedAndNothingIsStored(string hostile)
    {
        var valid = Ticket("hostile");
        var ticket = hostile switch
        {
            "oversize-subject" => valid.With(subject: new string('x', TicketSubmission.MaxSubjectLength + 1)),
            "header-injection-subject" => valid.With(subject: "Help\r\nBcc: everyone@example.com"),
            "header-injection-email" => valid.With(email: "alex@example.com\r\nX-Injected: 1"),
            "control-character" => valid.With(description: "text\u0007bell"),
            "lone-surrogate" => valid.With(subject: "broken \uD800 text"),
            "oversize-attachment" => valid.With(attachments: [new TicketAttachment { FileName = "big.bin", ContentType = "application/octet-stream", Content = new byte[TicketAttachment.MaxContentLength + 1] }]),
            "attachment-path" => valid.With(attachments: [new TicketAttachment { FileName = "../../etc/passwd", ContentType = "text/plain", Content = new byte[] { 1 } }]),
            "oversize-field" => valid.With(fields: new Dictionary<string, string> { ["notes"] = new string('x', 2001) }),
            _ => valid.With(fields: new Dictionary<string, string> { ["bad key"] = "v" }),
        };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.SaveTicketAsync(ticket, Token));

        Assert.True((await Store.SaveTicketAsync(valid, Token)).Created, "The refused ticket's key was taken: something of it was stored.");
    }

    [Fact]
    public async Task SaveTicketAsync_ScriptQuotesAndSqlInEveryTextField_AreStoredVerbatimAsData()
    {
        const string Script = "<script>alert('x')</script> \"quoted\" '); DROP TABLE tickets; -- 🙂 %_*";
        var ticket = Ticket("script").With(subject: Script, description: Script + "\nsecond line", fields: new Dictionary<string, string> { ["notes"] = Script });

        var stored = (await Store.GetTicketAsync((await Store.SaveTicketAsync(ticket, Token)).Reference, Token))!.Submission;

        Assert.Equal((Script, Script + "\nsecond line", Script), (stored.Subject, stored.Description, stored.Fields["notes"]));
    }

    [Fact]
    public async Task GetTicketAsync_CategoryFieldsContextAndAttachments_RoundTripByteForByte()
    {
        var binary = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31 % 256)).ToArray();
        var ticket = Ticket("files", attachments:
        [
            new TicketAttachment { FileName = "skärmbild 1.png", ContentType = "image/png", Content = binary },
            new TicketAttachment { FileName = "empty.txt", ContentType = "text/plain", Content = ReadOnlyMemory<byte>.Empty },
        ]);

        var receipt = await Store.SaveTicketAsync(ticket, Token);
        var stored = (await (await StartInstanceAsync()).GetRequiredService<IHelpStore>().GetTicketAsync(receipt.Reference, Token))!.Submission;

        Assert.Equal("access", stored.Category);
        Assert.Equal(new Dictionary<string, string> { ["asset-tag"] = "NB-1042", ["urgency"] = "high" }, stored.Fields);
        Assert.Equal(new Dictionary<string, string> { ["searches"] = "access denied (0)" }, stored.Context);
        Assert.Equal(["skärmbild 1.png", "empty.txt"], stored.Attachments.Select(a => a.FileName));
        Assert.Equal(["image/png", "text/plain"], stored.Attachments.Select(a => a.ContentType));
        Assert.Equal(binary, stored.Attachments[0].Content.ToArray());
        Assert.Equal(0, stored.Attachments[1].Content.Length);
    }

    [Fact]
    public async Task GetTicketAsync_TicketWithoutOptionalParts_ReadsBackWithoutThem()
    {
        var ticket = new TicketSubmission
        {
            IdempotencyKey = "bare",
            Subject = "Printer",
            Description = "Jammed.",
            Name = "Kim",
            Email = "kim@example.com",
            SubmittedAt = Start.ToOffset(TimeSpan.FromHours(-5)),
        };

        var stored = (await Store.GetTicketAsync((await Store.SaveTicketAsync(ticket, Token)).Reference, Token))!.Submission;

        Assert.Equal((null, null, null, 0, 0, 0), (stored.Category, stored.Language, stored.Route, stored.Fields.Count, stored.Context.Count, stored.Attachments.Count));
        Assert.Equal(ticket.SubmittedAt, stored.SubmittedAt);
    }

    [Fact]
    public async Task GetTicketAsync_ReferenceInLowerCaseOrWithSpaces_FindsTheTicket()
    {
        var receipt = await Store.SaveTicketAsync(Ticket("case"), Token);

        Assert.Equal(receipt.Reference, (await Store.GetTicketAsync(receipt.Reference.ToLowerInvariant(), Token))?.Reference);
        Assert.Equal(receipt.Reference, (await Store.GetTicketAsync($"  {receipt.Reference} ", Token))?.Reference);
    }

    [Theory]
    [MemberData(nameof(UnknownReferences))]
    public async Task GetTicketAsync_UnknownOrHostileReference_ReturnsNull(string reference)
    {
        await Store.SaveTicketAsync(Ticket("one"), Token);

        Assert.Null(await Store.GetTicketAsync(reference, Token));
    }

    [Fact]
    public async Task Calls_NullArguments_ThrowArgumentNullException()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Store.SaveTicketAsync(null!, Token));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Store.GetTicketAsync(null!, Token));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Store.SaveFeedbackAsync(null!, Token));
    }

    [Theory]
    [InlineData("query-line-break")]
    [InlineData("query-control-character")]
    [InlineData("oversize-query")]
    [InlineData("oversize-comment")]
    [InlineData("empty-article")]
    [InlineData("comment-control-character")]
    public async Task SaveFeedbackAsync_HostileAnswer_IsRefused(string hostile)
    {
        var answer = new ArticleFeedback { ArticleId = "vpn", Language = "en", Helpful = false, CreatedAt = Start };
        answer = hostile switch
        {
            "query-line-break" => Copy(answer, query: "line\nbreak"),
            "query-control-character" => Copy(answer, query: "bell\u0007"),
            "oversize-query" => Copy(answer, query: new string('q', ArticleFeedback.MaxQueryLength + 1)),
            "oversize-comment" => Copy(answer, comment: new string('x', ArticleFeedback.MaxCommentLength + 1)),
            "empty-article" => Copy(answer, articleId: " "),
            _ => Copy(answer, comment: "escape \u001b[31m"),
        };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.SaveFeedbackAsync(answer, Token));
    }
#pragma warning restore CS1591

    private static ArticleFeedback Copy(ArticleFeedback answer, string? query = null, string? comment = null, string? articleId = null) => new()
    {
        FeedbackId = answer.FeedbackId,
        ArticleId = articleId ?? answer.ArticleId,
        Language = answer.Language,
        Helpful = answer.Helpful,
        Reason = answer.Reason,
        Comment = comment ?? answer.Comment,
        Route = answer.Route,
        Query = query ?? answer.Query,
        CreatedAt = answer.CreatedAt,
    };
}
