using System.Collections.Concurrent;
using HelpWidget.Testing;

namespace HelpWidget.PostgreSql.Tests;

/// <summary>The delivery queue shared by several instances (each its own data source, listener and instance lock).</summary>
public sealed class PostgreSqlDeliveryTests(PostgreSqlTestServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_claiming_one_queue_never_both_hold_a_delivery_and_deliver_in_submission_order()
    {
        const int Tickets = 40;
        var connectionString = await server.CreateDatabaseAsync(Token);
        await using var first = TestStore.Create(connectionString, sinks: "webhook");
        await using var second = TestStore.Create(connectionString, sinks: "webhook");
        var references = new List<string>();
        for (var i = 0; i < Tickets; i++)
        {
            references.Add((await (i % 2 == 0 ? first : second).Store.SaveTicketAsync(PostgreSqlHelpStoreTests.Ticket($"t{i}"), Token)).Reference);
        }

        var delivered = new ConcurrentQueue<string>();
        var holding = 0;
        var overlaps = 0;
        var claimsByInstance = new int[2];

        async Task DeliverAsync(TestStore instance, int index)
        {
            while (delivered.Count < Tickets)
            {
                Token.ThrowIfCancellationRequested();
                var claim = await instance.Store.ClaimNextAsync("webhook", Lease, Token);
                if (claim.Delivery is not { } delivery)
                {
                    // Held by the other instance (or momentarily nothing): ask again.
                    await Task.Yield();
                    continue;
                }

                if (Interlocked.Increment(ref holding) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                Interlocked.Increment(ref claimsByInstance[index]);
                delivered.Enqueue(delivery.Delivery.Reference);
                await Task.Yield();
                Interlocked.Decrement(ref holding);
                Assert.True(await instance.Store.MarkDeliveredAsync(delivery, Token));
            }
        }

        await Task.WhenAll(DeliverAsync(first, 0), DeliverAsync(second, 1)).WaitAsync(TimeSpan.FromSeconds(120), Token);

        Assert.Equal(0, overlaps);
        Assert.Equal(references, delivered);
        Assert.All(claimsByInstance, count => Assert.True(count > 0));
        var queue = Assert.Single(await first.Store.GetQueuesAsync(Token));
        Assert.Equal((0, 0, 0), (queue.Pending, queue.InFlight, queue.DeadLetters));
    }

    [Fact]
    public async Task A_lease_of_an_instance_that_stopped_is_taken_over_at_once_and_the_survivor_is_woken()
    {
        var connectionString = await server.CreateDatabaseAsync(Token);
        var crashing = TestStore.Create(connectionString, sinks: "webhook");
        await using var survivor = TestStore.Create(connectionString, sinks: "webhook");
        var reference = (await crashing.Store.SaveTicketAsync(PostgreSqlHelpStoreTests.Ticket("crash"), Token)).Reference;
        var claimed = (await crashing.Store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        var waiting = await survivor.Store.ClaimNextAsync("webhook", Lease, Token);
        Assert.Null(waiting.Delivery);
        Assert.Equal(claimed.LeaseExpiresAt.ToUnixTimeMilliseconds(), waiting.NextDueAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(1, Assert.Single(await survivor.Store.GetQueuesAsync(Token)).InFlight);

        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        survivor.Store.DeliveriesQueued += (_, _) => woken.TrySetResult();
        await survivor.Notifications.GetInstanceIdAsync(Patience, Token);
        await crashing.CrashAsync();

        await woken.Task.WaitAsync(Patience, Token);
        var takeover = await survivor.Store.ClaimNextAsync("webhook", Lease, Token);
        Assert.NotNull(takeover.Delivery);
        Assert.Equal(reference, takeover.Delivery.Delivery.Reference);
        Assert.Equal(2, takeover.Delivery.Delivery.Attempt);
        Assert.True(await survivor.Store.MarkDeliveredAsync(takeover.Delivery, Token));
    }

    [Fact]
    public async Task Deliveries_queued_or_released_on_one_instance_wake_every_other_instance_of_the_schema_only()
    {
        var connectionString = await server.CreateDatabaseAsync(Token);
        await using var sender = TestStore.Create(connectionString, sinks: "webhook");
        await using var receiver = TestStore.Create(connectionString, sinks: "webhook");
        await using var otherApp = TestStore.Create(connectionString, schema: "other_app", sinks: "webhook");
        using var wakes = new SemaphoreSlim(0);
        var otherWakes = 0;
        receiver.Store.DeliveriesQueued += (_, _) => wakes.Release();
        otherApp.Store.DeliveriesQueued += (_, _) => Interlocked.Increment(ref otherWakes);
        await receiver.Notifications.WaitUntilListeningAsync(PostgreSqlNotifications.DeliveriesChannel, Patience, Token);
        await otherApp.Notifications.WaitUntilListeningAsync(PostgreSqlNotifications.DeliveriesChannel, Patience, Token);

        await sender.Store.SaveTicketAsync(PostgreSqlHelpStoreTests.Ticket("wake"), Token);
        Assert.True(await wakes.WaitAsync(Patience, Token));

        var claim = (await sender.Store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        while (wakes.Wait(0, Token))
        {
        }

        Assert.True(await sender.Store.ReleaseAsync(claim, Token));
        Assert.True(await wakes.WaitAsync(Patience, Token));

        var again = (await receiver.Store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;
        Assert.Equal(1, again.Delivery.Attempt);
        Assert.Equal(0, Volatile.Read(ref otherWakes));
    }
}
