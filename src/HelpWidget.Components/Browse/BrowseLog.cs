using Microsoft.Extensions.Logging;

namespace HelpWidget.Components;

internal static partial class Log
{
    [LoggerMessage(40, LogLevel.Warning, "The areas to browse could not be loaded; the panel offers search without them.")]
    public static partial void AreasFailed(this ILogger logger, Exception exception);
}
