using Microsoft.Extensions.Logging;

namespace HelpWidget.PostgreSql;

/// <summary>
/// The package's logs, source-generated. Event ids: 1-99 the database and store, 100-199 the notification listener and
/// delivery queue, 1000-1099 insights, 2000-2099 search (each part of the package in its own file of this class).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Applied the PostgreSQL migrations {Migrations} to the schema {Schema}.")]
    public static partial void Migrated(ILogger logger, string schema, string migrations);

    [LoggerMessage(2, LogLevel.Warning, "The PostgreSQL server ended a session of the schema {Schema} ({Reason}); the pool's connections are dropped and the work runs again on a new one.")]
    public static partial void SessionEnded(ILogger logger, string schema, string reason);

    [LoggerMessage(100, LogLevel.Warning, "The PostgreSQL notification listener of the schema {Schema} lost its connection ({Reason}); reconnecting in {DelayMilliseconds} ms.")]
    public static partial void ListenerConnectionLost(ILogger logger, string schema, double delayMilliseconds, string reason);

    [LoggerMessage(101, LogLevel.Information, "The PostgreSQL notification listener of the schema {Schema} is connected again.")]
    public static partial void ListenerReconnected(ILogger logger, string schema);

    [LoggerMessage(102, LogLevel.Error, "A handler of the PostgreSQL notifications on {Channel} failed.")]
    public static partial void NotificationHandlerFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(103, LogLevel.Warning, "Looking for deliveries leased by stopped instances in the schema {Schema} failed ({Reason}).")]
    public static partial void LeaseCheckFailed(ILogger logger, string schema, string reason);

    [LoggerMessage(105, LogLevel.Warning, "Telling the other instances of the schema {Schema} that deliveries are due failed ({Reason}); they find them at their next look.")]
    public static partial void NotifyFailed(ILogger logger, string schema, string reason);

    [LoggerMessage(104, LogLevel.Information, "A delivery of the schema {Schema} is leased by an instance that stopped; the queue is woken to take it over.")]
    public static partial void LeaseHolderGone(ILogger logger, string schema);
}
