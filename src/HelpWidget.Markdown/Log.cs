using Microsoft.Extensions.Logging;

namespace HelpWidget.Markdown;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "The articles folder '{Path}' does not exist; the knowledge base is empty.")]
    public static partial void ArticlesFolderMissing(ILogger logger, string path);

    [LoggerMessage(2, LogLevel.Warning, "Knowledge base {File}:{Line}: {Severity} {Code}: {Problem}")]
    public static partial void ContentLeftOut(ILogger logger, string file, int line, string severity, string code, string problem);

    [LoggerMessage(6, LogLevel.Information, "Knowledge base {File}:{Line}: {Severity} {Code}: {Problem}")]
    public static partial void ContentProblem(ILogger logger, string file, int line, string severity, string code, string problem);

    [LoggerMessage(4, LogLevel.Information, "Loaded {Count} articles from '{Path}' in {ElapsedMs} ms; the checks found {Errors} errors and {Warnings} warnings ('helpwidget lint' lists them).")]
    public static partial void ArticlesLoaded(ILogger logger, int count, string path, long elapsedMs, int errors, int warnings);

    [LoggerMessage(5, LogLevel.Warning, "Skipped announcement file '{File}': {Reason}")]
    public static partial void AnnouncementSkipped(ILogger logger, string file, string reason);
}
