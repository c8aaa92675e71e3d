using Microsoft.Extensions.Logging;

namespace HelpWidget.Markdown;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "The articles folder '{Path}' does not exist; the knowledge base is empty.")]
    public static partial void ArticlesFolderMissing(ILogger logger, string path);

    [LoggerMessage(2, LogLevel.Warning, "Skipped article file '{File}': {Reason}")]
    public static partial void ArticleSkipped(ILogger logger, string file, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Article id '{Id}' in language '{Language}' is defined twice; '{File}' was skipped.")]
    public static partial void DuplicateArticle(ILogger logger, string id, string language, string file);

    [LoggerMessage(4, LogLevel.Information, "Loaded {Count} articles from '{Path}' in {ElapsedMs} ms.")]
    public static partial void ArticlesLoaded(ILogger logger, int count, string path, long elapsedMs);

    [LoggerMessage(5, LogLevel.Warning, "Skipped announcement file '{File}': {Reason}")]
    public static partial void AnnouncementSkipped(ILogger logger, string file, string reason);
}
