using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Testing;

/// <summary>
/// The behaviour every <see cref="ITicketOutbox"/> (and its <see cref="ITicketQueueView"/>) must have: one delivery per
/// ticket and sink, queued with the ticket; claims under leases, one claimer at a time, also across instances;
/// per-sink submission order; delivered, failed with a retry time, dead letters and their retry; a claim handed back
/// without using an attempt; the queue view; <see cref="ITicketOutbox.DeliveriesQueued"/>.
/// </summary>
/// <remarks>
/// A store's test class derives from it and overrides <see cref="StoreConformanceTests.AddStoreAsync"/>; the store
/// resolves as <see cref="IHelpStore"/>, <see cref="ITicketOutbox"/> and <see cref="ITicketQueueView"/>.
/// </remarks>
public abstract class TicketOutboxConformanceTests : StoreConformanceTests
{
    /// <summary>The lease every claim of the suite takes.</summary>
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>The sinks of the instance every test starts with, ordered by name.</summary>
    protected static readonly string[] Sinks = ["itsm", "webhook"];

    /// <summary>Gets the store of the instance every test starts with, whose sinks are <see cref="Sinks"/>.</summary>
    protected IHelpStore Store { get; private set; } = default!;

    /// <summary>Gets the outbox of the instance every test starts with.</summary>
    protected ITicketOutbox Outbox { get; private set; } = default!;

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (Store, Outbox) = Resolve(await StartInstanceAsync(Sinks));
    }

#pragma warning disable CS1591 // Each test is documented by its name (Method_Scenario_Expectation), which is what a test runner reports.
    [Fact]
    public async Task Registration_QueueViewAndOutbox_AreTheStore()
    {
        var services = await StartInstanceAsync(Sinks);

        Assert.Same(services.GetRequiredService<ITicketOutbox>(), services.GetRequiredService<ITicketQueueView>());
    }

    [Fact]
    public async Task SaveTicketAsync_WithSinks_QueuesOneDeliveryPerSinkAndRaisesDeliveriesQueuedOnce()
    {
        var raised = 0;
        Outbox.DeliveriesQueued += (_, _) => Interlocked.Increment(ref raised);

        await Store.SaveTicketAsync(Ticket("k1"), Token);
        await Store.SaveTicketAsync(Ticket("k1"), Token);

        Assert.Equal([("itsm", 1), ("webhook", 1)], (await Outbox.GetQueuesAsync(Token)).Select(q => (q.SinkName, q.Pending)));
        Assert.Equal(1, raised);
    }

    [Fact]
    public async Task SaveTicketAsync_NoSinks_StoresTheTicketAsAnInboxWithoutDeliveries()
    {
        var (store, inbox) = Resolve(await StartInstanceAsync());
        var raised = 0;
        inbox.DeliveriesQueued += (_, _) => raised++;

        await store.SaveTicketAsync(Ticket("k1"), Token);

        Assert.Equal("k1", Assert.Single(await inbox.GetTicketsAsync(0, 10, Token)).Submission.IdempotencyKey);
        Assert.Empty(await inbox.GetQueuesAsync(Token));
        Assert.Null((await inbox.ClaimNextAsync("webhook", Lease, Token)).Delivery);
        Assert.Equal(0, raised);
    }

    [Fact]
    public async Task ClaimNextAsync_ReturnsTheOldestTicketWithItsAttachmentsAndAttemptNumber()
    {
        var first = await Store.SaveTicketAsync(Ticket("a", attachments: [new TicketAttachment { FileName = "log.txt", ContentType = "text/plain", Content = "boom"u8.ToArray() }]), Token);
        await Store.SaveTicketAsync(Ticket("b"), Token);

        var delivery = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        Assert.Equal((first.Reference, 1, "webhook"), (delivery.Delivery.Reference, delivery.Delivery.Attempt, delivery.SinkName));
        Assert.Equal("a", delivery.Delivery.IdempotencyKey);
        Assert.Equal(("access", "NB-1042"), (delivery.Delivery.Submission.Category, delivery.Delivery.Submission.Fields["asset-tag"]));
        Assert.Equal("boom"u8.ToArray(), delivery.Delivery.Submission.Attachments[0].Content.ToArray());
        Assert.Equal(Time.GetUtcNow() + Lease, delivery.LeaseExpiresAt);
    }

    [Fact]
    public async Task ClaimNextAsync_EmptyOrUnknownSink_ClaimsNothingAndNamesNoTime()
    {
        await Store.SaveTicketAsync(Ticket("a"), Token);

        foreach (var sink in new[] { "smtp", "'; DELETE FROM ticket_deliveries; --", "%", "WEBHOOK" })
        {
            var claim = await Outbox.ClaimNextAsync(sink, Lease, Token);
            Assert.Equal((null, null), (claim.Delivery, claim.NextDueAt));
        }

        Assert.Equal("a", (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!.Delivery.IdempotencyKey);
    }

    [Fact]
    public async Task ClaimNextAsync_HeadLeased_HoldsBackLaterTicketsUntilTheLeaseExpires()
    {
        await Store.SaveTicketAsync(Ticket("a"), Token);
        await Store.SaveTicketAsync(Ticket("b"), Token);
        var first = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        var whileLeased = await Outbox.ClaimNextAsync("webhook", Lease, Token);
        Time.Advance(Lease);
        var afterExpiry = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        Assert.Null(whileLeased.Delivery);
        Assert.Equal(first.LeaseExpiresAt, whileLeased.NextDueAt);
        Assert.Equal(("a", 2), (afterExpiry.Delivery.IdempotencyKey, afterExpiry.Delivery.Attempt));
        Assert.NotEqual(first.LeaseId, afterExpiry.LeaseId);
        Assert.False(await Outbox.MarkFailedAsync(first, "late", Time.GetUtcNow(), Token));
    }

    [Fact]
    public async Task MarkFailedAsync_WithRetryTime_HoldsBackLaterTicketsOfThatSinkOnly()
    {
        await Store.SaveTicketAsync(Ticket("a"), Token);
        await Store.SaveTicketAsync(Ticket("b"), Token);
        var claim = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        var retryAt = Time.GetUtcNow().AddSeconds(30);

        Assert.True(await Outbox.MarkFailedAsync(claim, "HTTP 503", retryAt, Token));

        Assert.Equal(retryAt, (await Outbox.ClaimNextAsync("webhook", Lease, Token)).NextDueAt);
        Assert.Equal("a", (await Outbox.ClaimNextAsync("itsm", Lease, Token)).Delivery!.Delivery.IdempotencyKey);
        Time.Advance(TimeSpan.FromSeconds(30));
        var retry = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!.Delivery;
        Assert.Equal(("a", 2), (retry.IdempotencyKey, retry.Attempt));
    }

    [Fact]
    public async Task MarkDeliveredAsync_MovesTheQueueOnInSubmissionOrderAndEmptiesIt()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.SaveTicketAsync(Ticket($"k{i}"), Token);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var keys = new List<string>();
        while ((await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery is { } claim)
        {
            keys.Add(claim.Delivery.IdempotencyKey);
            Assert.True(await Outbox.MarkDeliveredAsync(claim, Token));
            Assert.False(await Outbox.MarkDeliveredAsync(claim, Token));
        }

        Assert.Equal(["k0", "k1", "k2", "k3", "k4"], keys);
        var empty = await Outbox.ClaimNextAsync("webhook", Lease, Token);
        Assert.Equal((null, null), (empty.Delivery, empty.NextDueAt));
        Assert.Equal(5, (await Outbox.GetQueuesAsync(Token)).Single(q => q.SinkName == "itsm").Pending);
    }

    [Fact]
    public async Task MarkDeliveredAsync_AfterTheLeaseWasTakenOver_CompletesTheDeliveryOnce()
    {
        await Store.SaveTicketAsync(Ticket("a"), Token);
        var first = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var second = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        // The first claimer's delivery arrived although its lease ran out: it is delivered, and the second claim finds it done.
        Assert.True(await Outbox.MarkDeliveredAsync(first, Token));
        Assert.False(await Outbox.MarkDeliveredAsync(second, Token));
        Assert.False(await Outbox.MarkFailedAsync(second, "late", Time.GetUtcNow(), Token));
        Assert.Equal(0, (await Outbox.GetQueuesAsync(Token)).Single(q => q.SinkName == "webhook").Pending);
    }

    [Fact]
    public async Task DeadLetters_AreSkippedListedAndQueuedAgainInTheirPlace()
    {
        var first = await Store.SaveTicketAsync(Ticket("a"), Token);
        await Store.SaveTicketAsync(Ticket("b"), Token);
        var claim = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        Assert.True(await Outbox.MarkFailedAsync(claim, "HTTP 400 Bad Request", retryAt: null, Token));
        var raised = 0;
        Outbox.DeliveriesQueued += (_, _) => Interlocked.Increment(ref raised);

        var next = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        var letters = await Outbox.GetDeadLettersAsync(cancellationToken: Token);
        var retried = await Outbox.RetryDeadLettersAsync(first.Reference, "webhook", Token);
        await Outbox.MarkDeliveredAsync(next, Token);
        var again = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        Assert.Equal("b", next.Delivery.IdempotencyKey);
        var letter = Assert.Single(letters);
        Assert.Equal((first.Reference, "webhook", 1, "HTTP 400 Bad Request", Time.GetUtcNow()), (letter.Reference, letter.SinkName, letter.Attempts, letter.LastError, letter.FailedAt));
        Assert.Equal((1, 1), (retried, raised));
        Assert.Equal(("a", 1), (again.Delivery.IdempotencyKey, again.Delivery.Attempt));
        Assert.Empty(await Outbox.GetDeadLettersAsync(cancellationToken: Token));
    }

    [Fact]
    public async Task RetryDeadLettersAsync_Filters_QueueOnlyTheNamedDeadLettersAgain()
    {
        var receipts = new List<TicketReceipt>();
        foreach (var key in new[] { "a", "b" })
        {
            receipts.Add(await Store.SaveTicketAsync(Ticket(key), Token));
            foreach (var sink in Sinks)
            {
                await Outbox.MarkFailedAsync((await Outbox.ClaimNextAsync(sink, Lease, Token)).Delivery!, "rejected", null, Token);
            }
        }

        Assert.Equal(4, (await Outbox.GetDeadLettersAsync(cancellationToken: Token)).Count);
        Assert.Equal(0, await Outbox.RetryDeadLettersAsync("HW-999999", cancellationToken: Token));
        Assert.Equal(0, await Outbox.RetryDeadLettersAsync("'; UPDATE ticket_deliveries SET state = 'pending'; --", cancellationToken: Token));
        Assert.Equal(0, await Outbox.RetryDeadLettersAsync(sinkName: "%", cancellationToken: Token));
        Assert.Equal(1, await Outbox.RetryDeadLettersAsync(receipts[0].Reference.ToLowerInvariant(), "itsm", Token));
        Assert.Equal(1, await Outbox.RetryDeadLettersAsync(sinkName: "itsm", cancellationToken: Token));
        Assert.Equal(2, await Outbox.RetryDeadLettersAsync(cancellationToken: Token));
        Assert.Empty(await Outbox.GetDeadLettersAsync(cancellationToken: Token));
    }

    [Fact]
    public async Task GetDeadLettersAsync_ListsOldestTicketFirstUpToMaxCount_AndCutsLongFailures()
    {
        foreach (var key in new[] { "a", "b", "c" })
        {
            await Store.SaveTicketAsync(Ticket(key), Token);
            Time.Advance(TimeSpan.FromSeconds(1));
            await Outbox.MarkFailedAsync((await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!, new string('e', 5000), null, Token);
        }

        var letters = await Outbox.GetDeadLettersAsync(2, Token);

        Assert.Equal(2, letters.Count);
        Assert.Equal(2000, letters[0].LastError!.Length);
        Assert.True(letters[0].FailedAt < letters[1].FailedAt, "Dead letters are not listed oldest ticket first.");
    }

    [Fact]
    public async Task ReleaseAsync_HeldLease_MakesTheDeliveryDueAtOnceWithTheSameAttempt()
    {
        await Store.SaveTicketAsync(Ticket("a"), Token);
        await Store.SaveTicketAsync(Ticket("b"), Token);
        var retryAt = Time.GetUtcNow().AddMinutes(5);
        var failed = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        await Outbox.MarkFailedAsync(failed, "HTTP 503", retryAt, Token);
        Time.Advance(TimeSpan.FromMinutes(5));
        var claim = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        var raised = 0;
        Outbox.DeliveriesQueued += (_, _) => Interlocked.Increment(ref raised);

        Assert.True(await Outbox.ReleaseAsync(claim, Token));
        var again = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        Assert.Equal(("a", 2, 2), (again.Delivery.IdempotencyKey, claim.Delivery.Attempt, again.Delivery.Attempt));
        Assert.Equal(1, raised);
    }

    [Fact]
    public async Task ReleaseAsync_ReleasedClaim_IsClaimedByAnotherInstanceWithoutWaitingForTheLease()
    {
        await Store.SaveTicketAsync(Ticket("a"), Token);
        var claim = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        var (_, other) = Resolve(await StartInstanceAsync(Sinks));
        Assert.Equal(claim.LeaseExpiresAt, (await other.ClaimNextAsync("webhook", Lease, Token)).NextDueAt);

        await Outbox.ReleaseAsync(claim, Token);
        var taken = (await other.ClaimNextAsync("webhook", Lease, Token)).Delivery;

        Assert.Equal(("a", 1), (taken?.Delivery.IdempotencyKey, taken?.Delivery.Attempt));
    }

    [Fact]
    public async Task ReleaseAsync_LeaseNoLongerHeld_ReturnsFalseAndChangesNothing()
    {
        await Store.SaveTicketAsync(Ticket("a"), Token);
        await Store.SaveTicketAsync(Ticket("b"), Token);
        var first = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        Time.Advance(Lease);
        var second = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        Assert.False(await Outbox.ReleaseAsync(first, Token));
        Assert.Null((await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery);
        Assert.True(await Outbox.ReleaseAsync(second, Token));
        Assert.False(await Outbox.ReleaseAsync(second, Token));

        var third = (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        await Outbox.MarkDeliveredAsync(third, Token);
        Assert.False(await Outbox.ReleaseAsync(third, Token));
        Assert.Equal("b", (await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!.Delivery.IdempotencyKey);
    }

    [Fact]
    public async Task GetQueuesAsync_ConfiguredSinksWithoutDeliveries_AreListedEmptyByName()
    {
        var queues = await Outbox.GetQueuesAsync(Token);

        Assert.Equal(Sinks, queues.Select(q => q.SinkName));
        Assert.All(queues, q => Assert.Equal((0, 0, 0, null), (q.Pending, q.InFlight, q.DeadLetters, q.OldestPendingSubmittedAt)));
    }

    [Fact]
    public async Task GetQueuesAsync_CountsPendingInFlightDeadLettersAndTheOldestPending()
    {
        for (var i = 0; i < 4; i++)
        {
            await Store.SaveTicketAsync(Ticket($"k{i}"), Token);
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        // webhook: k0 dead, k1 delivered, k2 in flight, k3 waiting; itsm: all four waiting.
        await Outbox.MarkFailedAsync((await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!, "HTTP 400", null, Token);
        await Outbox.MarkDeliveredAsync((await Outbox.ClaimNextAsync("webhook", Lease, Token)).Delivery!, Token);
        await Outbox.ClaimNextAsync("webhook", Lease, Token);
        var queues = (await Outbox.GetQueuesAsync(Token)).ToDictionary(q => q.SinkName);

        Assert.Equal((2, 1, 1, Start.AddMinutes(2)), (queues["webhook"].Pending, queues["webhook"].InFlight, queues["webhook"].DeadLetters, queues["webhook"].OldestPendingSubmittedAt));
        Assert.Equal((4, 0, 0, Start), (queues["itsm"].Pending, queues["itsm"].InFlight, queues["itsm"].DeadLetters, queues["itsm"].OldestPendingSubmittedAt));

        Time.Advance(Lease);
        var expired = (await Outbox.GetQueuesAsync(Token)).Single(q => q.SinkName == "webhook");
        Assert.Equal((2, 0), (expired.Pending, expired.InFlight));
    }

    [Fact]
    public async Task GetQueuesAsync_SinkThatAnotherInstanceQueuedFor_IsListedWhileItHasDeliveries()
    {
        await Store.SaveTicketAsync(Ticket("a"), Token);
        var (_, webhookOnly) = Resolve(await StartInstanceAsync("webhook"));

        var queues = await webhookOnly.GetQueuesAsync(Token);

        Assert.Equal([("itsm", 1), ("webhook", 1)], queues.Select(q => (q.SinkName, q.Pending)));
    }

    [Fact]
    public async Task ClaimNextAsync_ConcurrentClaimersOnTwoInstances_NeverHandOneDeliveryToTwoClaimers()
    {
        var (_, other) = Resolve(await StartInstanceAsync(Sinks));
        const int Tickets = 40;
        for (var i = 0; i < Tickets; i++)
        {
            await Store.SaveTicketAsync(Ticket($"t{i:D3}"), Token);
        }

        var claims = new ConcurrentQueue<(string Sink, string Key, string Lease)>();
        var outboxes = new[] { Outbox, other };
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(
            async () =>
            {
                var outbox = outboxes[worker % 2];
                var sink = Sinks[worker / 4];
                while (true)
                {
                    var claim = await outbox.ClaimNextAsync(sink, Lease, Token);
                    if (claim.Delivery is { } delivery)
                    {
                        claims.Enqueue((sink, delivery.Delivery.IdempotencyKey, delivery.LeaseId));
                        Assert.True(await outbox.MarkDeliveredAsync(delivery, Token));
                    }
                    else if (claim.NextDueAt is null)
                    {
                        return; // the queue is empty
                    }
                    else
                    {
                        await Task.Yield(); // another claimer holds the head; its lease outlives the test, so it completes it
                    }
                }
            },
            Token)));

        foreach (var sink in Sinks)
        {
            // Each ticket once, in submission order: a claimer completes the head before the next can be claimed.
            Assert.Equal(Enumerable.Range(0, Tickets).Select(i => $"t{i:D3}"), claims.Where(c => c.Sink == sink).Select(c => c.Key));
        }

        Assert.Equal(2 * Tickets, claims.Select(c => c.Lease).Distinct().Count());
    }

    [Fact]
    public async Task GetTicketsAsync_ListsNewestFirstInPages()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.SaveTicketAsync(Ticket($"k{i}"), Token);
        }

        var firstPage = await Outbox.GetTicketsAsync(0, 2, Token);
        var lastPage = await Outbox.GetTicketsAsync(4, 2, Token);

        Assert.Equal(["k4", "k3"], firstPage.Select(t => t.Submission.IdempotencyKey));
        Assert.Equal(["k0"], lastPage.Select(t => t.Submission.IdempotencyKey));
        Assert.Empty(await Outbox.GetTicketsAsync(5, 2, Token));
    }

    [Fact]
    public async Task Calls_ArgumentsOutOfRange_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Outbox.ClaimNextAsync(null!, Lease, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Outbox.ClaimNextAsync("webhook", TimeSpan.Zero, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Outbox.ClaimNextAsync("webhook", TimeSpan.FromSeconds(-1), Token));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Outbox.MarkDeliveredAsync(null!, Token));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Outbox.MarkFailedAsync(null!, "x", null, Token));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Outbox.ReleaseAsync(null!, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Outbox.GetDeadLettersAsync(0, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Outbox.GetDeadLettersAsync(1001, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Outbox.GetTicketsAsync(-1, 10, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Outbox.GetTicketsAsync(0, 0, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Outbox.GetTicketsAsync(0, 101, Token));
    }
#pragma warning restore CS1591

    /// <summary>The store and outbox of an instance.</summary>
    /// <param name="services">The instance's services.</param>
    /// <returns>Its store and outbox.</returns>
    protected static (IHelpStore Store, ITicketOutbox Outbox) Resolve(IServiceProvider services) =>
        (services.GetRequiredService<IHelpStore>(), services.GetRequiredService<ITicketOutbox>());
}
