using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpWidget.Sqlite;

/// <summary>Adds the SQLite store to HelpWidget.</summary>
public static class SqliteHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Stores tickets, their attachments and delivery queue (<see cref="ITicketOutbox"/>, read by <see cref="ITicketQueueView"/>), feedback and dismissed
    /// announcements in a SQLite database file, created on first use; also insight events (<see cref="IHelpEventStore"/>),
    /// which the engine then records.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddSqliteStore(this IHelpWidgetBuilder builder, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SqliteStoreOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // The store stamps tickets and leases; AddHelpWidget() adds the same clock, and the host's own wins over both.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SqliteHelpStore>();
        builder.Services.TryAddSingleton<IHelpStore>(sp => sp.GetRequiredService<SqliteHelpStore>());
        builder.Services.TryAddSingleton<ITicketOutbox>(sp => sp.GetRequiredService<SqliteHelpStore>());
        builder.Services.TryAddSingleton<ITicketQueueView>(sp => sp.GetRequiredService<SqliteHelpStore>());
        builder.Services.TryAddSingleton<IArticleSignalSource>(sp => sp.GetRequiredService<SqliteHelpStore>());
        builder.Services.TryAddSingleton<IAnnouncementDismissals, SqliteAnnouncementDismissals>();
        builder.Services.TryAddSingleton<IHelpEventStore, SqliteHelpEventStore>();
        return builder;
    }
}
