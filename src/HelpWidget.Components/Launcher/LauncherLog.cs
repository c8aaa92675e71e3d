using Microsoft.Extensions.Logging;

namespace HelpWidget.Components;

internal static partial class LauncherLog
{
    [LoggerMessage(100, LogLevel.Warning, "The Help launcher on '{Path}' was rendered statically, without an interactive render mode, so its button stays disabled. Give it or a component around it an interactive render mode, such as @rendermode=\"InteractiveServer\".")]
    public static partial void RenderedStatically(ILogger logger, string path);
}
