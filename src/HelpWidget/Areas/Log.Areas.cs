using Microsoft.Extensions.Logging;

namespace HelpWidget;

internal static partial class Log
{
    [LoggerMessage(60, LogLevel.Warning, "The areas could not be loaded; the panel offers no browsing until they can.")]
    public static partial void AreasFailed(ILogger logger, Exception exception);
}
