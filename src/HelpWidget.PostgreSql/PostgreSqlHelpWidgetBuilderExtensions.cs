using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HelpWidget.PostgreSql;

/// <summary>Adds the PostgreSQL store to HelpWidget.</summary>
public static class PostgreSqlHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Stores tickets, their attachments and delivery queue (<see cref="ITicketOutbox"/>, read by <see cref="ITicketQueueView"/>,
    /// shared by every instance of the app), feedback and dismissed announcements in PostgreSQL. The database is an <see cref="NpgsqlDataSource"/> from
    /// the services when one is registered, else <see cref="PostgreSqlStoreOptions.ConnectionString"/>, else the
    /// configuration's <c>ConnectionStrings:HelpWidget</c>. Migrations are applied when the store is first used unless
    /// <see cref="PostgreSqlStoreOptions.ApplyMigrations"/> is off.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddPostgreSqlStore(this IHelpWidgetBuilder builder, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<PostgreSqlStoreOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStoreOptions>, PostgreSqlStoreOptionsValidator>());

        // The store stamps tickets and leases; AddHelpWidget() adds the same clock, and the host's own wins over both.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(sp => new PostgreSqlDatabase(
            sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>(),
            sp.GetService<NpgsqlDataSource>(),
            sp.GetService<IConfiguration>(),
            sp.GetService<ILogger<PostgreSqlDatabase>>()));
        builder.Services.TryAddSingleton<PostgreSqlNotifications>();
        builder.Services.TryAddSingleton<PostgreSqlHelpStore>();
        builder.Services.TryAddSingleton<IHelpStore>(sp => sp.GetRequiredService<PostgreSqlHelpStore>());
        builder.Services.TryAddSingleton<ITicketOutbox>(sp => sp.GetRequiredService<PostgreSqlHelpStore>());
        builder.Services.TryAddSingleton<ITicketQueueView>(sp => sp.GetRequiredService<PostgreSqlHelpStore>());
        builder.Services.TryAddSingleton<IArticleSignalSource>(sp => sp.GetRequiredService<PostgreSqlHelpStore>());
        builder.Services.TryAddSingleton<IAnnouncementDismissals, PostgreSqlAnnouncementDismissals>();

        // insights
        builder.Services.TryAddSingleton<IHelpEventStore>(sp => new Insights.PostgreSqlHelpEventStore(sp.GetRequiredService<PostgreSqlDatabase>(), sp.GetService<IPersonalDataScrubber>()));
        // end insights
        return builder;
    }
}
