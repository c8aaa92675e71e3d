using HelpWidget.PostgreSql;
using HelpWidget.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Delivery.Tests;

/// <summary>An app host with the real engine: SQLite store, webhook sink and dispatcher, with short back-off for tests.</summary>
internal static class EngineHost
{
    public static IHost Build(string databasePath, Uri? webhookUrl, RecordingLoggerProvider? logs = null, Action<IHelpWidgetBuilder>? configure = null) =>
        Build(
            Path.GetDirectoryName(databasePath)!,
            helpWidget => helpWidget.AddSqliteStore(options => options.ConnectionString = $"Data Source={databasePath}"),
            webhookUrl,
            logs,
            configure);

    /// <summary>The same app on a PostgreSQL database instead of a SQLite file.</summary>
    public static async Task<IHost> StartPostgreSqlAsync(string connectionString, Uri? webhookUrl, RecordingLoggerProvider? logs = null, Action<IHelpWidgetBuilder>? configure = null)
    {
        var host = Build(
            AppContext.BaseDirectory,
            helpWidget => helpWidget.AddPostgreSqlStore(options => options.ConnectionString = connectionString),
            webhookUrl,
            logs,
            configure);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    private static IHost Build(string contentRoot, Action<IHelpWidgetBuilder> addStore, Uri? webhookUrl, RecordingLoggerProvider? logs, Action<IHelpWidgetBuilder>? configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = contentRoot,
        });
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        var helpWidget = builder.Services.AddHelpWidget();
        addStore(helpWidget);
        helpWidget.ConfigureTicketDelivery(options =>
        {
            options.MaxAttempts = 1000;
            options.InitialDelay = TimeSpan.FromMilliseconds(20);
            options.MaxDelay = TimeSpan.FromMilliseconds(250);
            options.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.LeaseDuration = TimeSpan.FromSeconds(10);
        });
        if (webhookUrl is not null)
        {
            helpWidget.AddWebhookSink(options =>
            {
                options.Url = webhookUrl;
                options.Secret = WebhookReceiver.Secret;
            });
        }

        configure?.Invoke(helpWidget);
        return builder.Build();
    }

    public static async Task<IHost> StartAsync(string databasePath, Uri? webhookUrl, RecordingLoggerProvider? logs = null, Action<IHelpWidgetBuilder>? configure = null)
    {
        var host = Build(databasePath, webhookUrl, logs, configure);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }
}
