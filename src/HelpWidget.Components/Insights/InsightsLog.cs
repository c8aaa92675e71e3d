using Microsoft.Extensions.Logging;

namespace HelpWidget.Components;

/// <summary>What the insights dashboard logs; never a search, comment or page, only what failed.</summary>
internal static partial class Log
{
    [LoggerMessage(1301, LogLevel.Error, "The help insights report could not be loaded; the dashboard says so.")]
    public static partial void InsightsReportFailed(this ILogger logger, Exception exception);

    [LoggerMessage(1302, LogLevel.Warning, "Articles for the help insights dashboard could not be looked up; it shows their ids and offers drafts without the addressed mark.")]
    public static partial void InsightsArticlesFailed(this ILogger logger, Exception exception);

    [LoggerMessage(1303, LogLevel.Warning, "The help areas could not be loaded for the insights dashboard; its figures by area show the areas' ids.")]
    public static partial void InsightsAreasFailed(this ILogger logger, Exception exception);
}
