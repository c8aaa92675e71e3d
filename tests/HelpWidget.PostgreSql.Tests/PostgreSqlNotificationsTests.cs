using HelpWidget.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HelpWidget.PostgreSql.Tests;

public sealed class PostgreSqlNotificationsTests(PostgreSqlTestServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_subscriber_receives_the_payload_of_every_notification_on_its_channel_and_none_after_unsubscribing()
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var database = new PostgreSqlDatabase(Options.Create(new PostgreSqlStoreOptions { ConnectionString = connectionString }));
        await using var notifications = new PostgreSqlNotifications(database);
        var received = new System.Collections.Concurrent.BlockingCollection<string>();
        var subscription = notifications.Subscribe("helpwidget_test", received.Add);
        await notifications.WaitUntilListeningAsync("helpwidget_test", Patience, TestContext.Current.CancellationToken);
        Assert.NotEqual(0, notifications.InstanceId);

        await NotifyAsync(connectionString, "helpwidget_test", "first");
        await NotifyAsync(connectionString, "helpwidget_other", "not mine");
        await NotifyAsync(connectionString, "helpwidget_test", "second; DROP TABLE x --");
        Assert.True(received.TryTake(out var first, Patience));
        Assert.True(received.TryTake(out var second, Patience));
        Assert.Equal(["first", "second; DROP TABLE x --"], [first, second]);

        subscription.Dispose();
        var again = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var probe = notifications.Subscribe("helpwidget_probe", payload => again.TrySetResult(payload));
        await notifications.WaitUntilListeningAsync("helpwidget_probe", Patience, TestContext.Current.CancellationToken);
        await NotifyAsync(connectionString, "helpwidget_test", "after");
        await NotifyAsync(connectionString, "helpwidget_probe", "probe");
        Assert.Equal("probe", await again.Task.WaitAsync(Patience, TestContext.Current.CancellationToken));
        Assert.Empty(received);
    }

    [Fact]
    public async Task Two_instances_hold_different_instance_locks_that_last_as_long_as_their_listeners()
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var database = new PostgreSqlDatabase(Options.Create(new PostgreSqlStoreOptions { ConnectionString = connectionString }));
        var first = new PostgreSqlNotifications(database);
        await using var second = new PostgreSqlNotifications(database);
        var firstId = await first.GetInstanceIdAsync(Patience, TestContext.Current.CancellationToken);
        var secondId = await second.GetInstanceIdAsync(Patience, TestContext.Current.CancellationToken);
        Assert.NotEqual(firstId, secondId);
        Assert.True(await IsLockedAsync(connectionString, firstId));

        await first.DisposeAsync();
        Assert.False(await IsLockedAsync(connectionString, firstId));
        Assert.True(await IsLockedAsync(connectionString, secondId));
    }

    private static async Task NotifyAsync(string connectionString, string channel, string payload)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_notify($1, $2);", connection);
        command.Parameters.AddWithValue(channel);
        command.Parameters.AddWithValue(payload);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<bool> IsLockedAsync(string connectionString, int instanceId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = $1 AND objid::bigint = $2 AND objsubid = 2 AND granted);", connection);
        command.Parameters.AddWithValue((long)PostgreSqlNotifications.InstanceLockSpace);
        command.Parameters.AddWithValue((long)instanceId);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) is true;
    }
}
