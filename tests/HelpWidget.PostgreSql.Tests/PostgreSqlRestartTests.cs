using HelpWidget.Testing;
using Npgsql;

namespace HelpWidget.PostgreSql.Tests;

/// <summary>The database server restarted while the app runs: on a private server of its own, as the others share theirs.</summary>
public sealed class PostgreSqlRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_fail_clearly_while_the_database_is_down_nothing_accepted_is_lost_and_the_store_recovers_by_itself()
    {
        await using var server = await PostgreSqlTestServer.StartPrivateAsync();
        var connectionString = await server.CreateDatabaseAsync(Token);
        await using var app = TestStore.Create(connectionString, sinks: "webhook");
        await using var other = TestStore.Create(connectionString, sinks: "webhook");
        using var wakes = new SemaphoreSlim(0);
        other.Store.DeliveriesQueued += (_, _) => wakes.Release();
        await other.Notifications.WaitUntilListeningAsync(PostgreSqlNotifications.DeliveriesChannel, Patience, Token);
        var accepted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            accepted.Add((await app.Store.SaveTicketAsync(PostgreSqlHelpStoreTests.Ticket($"before-{i}"), Token)).Reference);
        }

        await server.StopAsync();

        var failure = await Assert.ThrowsAnyAsync<NpgsqlException>(() => app.Store.SaveTicketAsync(PostgreSqlHelpStoreTests.Ticket("during"), Token));
        Assert.Contains("127.0.0.1", failure.Message + failure.InnerException?.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => app.Store.GetTicketAsync(accepted[0], Token));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => app.Store.ClaimNextAsync("webhook", TimeSpan.FromMinutes(2), Token));

        await server.StartAsync();

        // Every request after the restart succeeds, with no new store: stale pooled connections are not handed out.
        for (var i = 0; i < 5; i++)
        {
            accepted.Add((await app.Store.SaveTicketAsync(PostgreSqlHelpStoreTests.Ticket($"after-{i}"), Token)).Reference);
        }

        foreach (var reference in accepted)
        {
            Assert.NotNull(await app.Store.GetTicketAsync(reference, Token));
        }

        Assert.Null(await app.Store.GetTicketAsync(TicketReferenceOf("during"), Token));

        // The other instance's listener is back: it hears the next queued delivery, and it drains the queue in order.
        await other.Notifications.WaitUntilListeningAsync(PostgreSqlNotifications.DeliveriesChannel, Patience, Token);
        while (wakes.Wait(0, Token))
        {
        }

        accepted.Add((await app.Store.SaveTicketAsync(PostgreSqlHelpStoreTests.Ticket("last"), Token)).Reference);
        Assert.True(await wakes.WaitAsync(Patience, Token));
        var delivered = new List<string>();
        while ((await other.Store.ClaimNextAsync("webhook", TimeSpan.FromMinutes(2), Token)).Delivery is { } delivery)
        {
            delivered.Add(delivery.Delivery.Reference);
            Assert.True(await other.Store.MarkDeliveredAsync(delivery, Token));
        }

        Assert.Equal(accepted, delivered);
    }

    private static string TicketReferenceOf(string key) => key;
}
