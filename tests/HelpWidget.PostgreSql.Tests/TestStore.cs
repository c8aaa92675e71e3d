using Microsoft.Extensions.Options;

namespace HelpWidget.PostgreSql.Tests;

/// <summary>
/// One instance of the store as an app would have it: its own data source (so two of them on one database are two
/// instances), listener, store and dismissals. Dispose it, or <see cref="CrashAsync"/> it, at the end of a test.
/// </summary>
internal sealed class TestStore : IAsyncDisposable
{
    private TestStore(PostgreSqlDatabase database, PostgreSqlNotifications notifications, PostgreSqlHelpStore store, TimeProvider time)
    {
        Database = database;
        Notifications = notifications;
        Store = store;
        Dismissals = new PostgreSqlAnnouncementDismissals(database, time);
    }

    public PostgreSqlDatabase Database { get; }

    public PostgreSqlNotifications Notifications { get; }

    public PostgreSqlHelpStore Store { get; }

    public PostgreSqlAnnouncementDismissals Dismissals { get; }

    public static TestStore Create(string connectionString, string schema = "helpwidget", TimeProvider? time = null, params string[] sinks)
    {
        time ??= TimeProvider.System;
        var database = new PostgreSqlDatabase(Options.Create(new PostgreSqlStoreOptions { ConnectionString = connectionString, Schema = schema }));
        var notifications = new PostgreSqlNotifications(database) { TickInterval = TimeSpan.FromMilliseconds(200) };
        var store = new PostgreSqlHelpStore(database, notifications, sinks.Select(name => new NamedSink(name)), time);
        return new TestStore(database, notifications, store, time);
    }

    /// <summary>Ends the instance as a crash would for the others: its connections close and its instance lock goes with them.</summary>
    public async Task CrashAsync()
    {
        Store.Dispose();
        await Notifications.DisposeAsync();
        await Database.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await Notifications.DisposeAsync();
        await Database.DisposeAsync();
    }

    private sealed class NamedSink(string name) : ITicketSink
    {
        public string Name => name;

        public Task DeliverAsync(TicketDelivery delivery, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
