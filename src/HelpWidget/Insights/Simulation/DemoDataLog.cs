using Microsoft.Extensions.Logging;

namespace HelpWidget;

internal static partial class Log
{
    [LoggerMessage(90, LogLevel.Information, "Insights demo data: {Count} simulated events of {Days} days written into the event store.")]
    public static partial void DemoDataWritten(ILogger logger, int count, int days);

    [LoggerMessage(91, LogLevel.Information, "Insights demo data: the event store already holds {Count} simulated events from the last {Days} days; nothing written.")]
    public static partial void DemoDataPresent(ILogger logger, int count, int days);

    [LoggerMessage(92, LogLevel.Warning, "Insights demo data: no event store is registered (such as AddSqliteStore()); nothing written.")]
    public static partial void DemoDataNoStore(ILogger logger);

    [LoggerMessage(93, LogLevel.Warning, "Insights demo data: the app has no articles to simulate use of (no IArticleSource, and the knowledge provider suggests none); nothing written.")]
    public static partial void DemoDataNoArticles(ILogger logger);

    [LoggerMessage(94, LogLevel.Error, "Insights demo data could not be written; the app runs on without it.")]
    public static partial void DemoDataFailed(ILogger logger, Exception exception);
}
