using Microsoft.Extensions.Logging;

namespace HelpWidget.PostgreSql;

internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Debug, "Read {Read} changed article rows from PostgreSQL; {Total} articles at version {Version}.")]
    public static partial void ArticlesRead(ILogger logger, int read, int total, long version);

    [LoggerMessage(2001, LogLevel.Warning, "The stored article '{Id}' ({Language}) cannot be read and is left out of search.")]
    public static partial void ArticleUnreadable(ILogger logger, string language, string id);

    [LoggerMessage(2002, LogLevel.Information, "A change to the shared articles (version {Version}) was found by polling: a notification was missed.")]
    public static partial void ChangeFoundByPoll(ILogger logger, long version);

    [LoggerMessage(2003, LogLevel.Warning, "Checking the shared articles for changes failed; the next check tries again.")]
    public static partial void PollFailed(ILogger logger, Exception exception);

    [LoggerMessage(2004, LogLevel.Warning, "The article '{Id}' ({Language}) was not published: {Reason}")]
    public static partial void ArticleRefused(ILogger logger, string language, string id, string reason);

    [LoggerMessage(2005, LogLevel.Information, "Published the articles: {Added} added, {Changed} changed, {Removed} removed, {Unchanged} unchanged.")]
    public static partial void ArticlesPublished(ILogger logger, int added, int changed, int removed, int unchanged);

    [LoggerMessage(2006, LogLevel.Error, "Publishing the local articles to PostgreSQL failed; trying again in {Delay}.")]
    public static partial void PublishFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(2007, LogLevel.Warning, "The shared articles are read before this instance listens for their changes (not connected within {Wait}); a change published meanwhile is found by the next poll.")]
    public static partial void ListenerSlow(ILogger logger, TimeSpan wait);
}
