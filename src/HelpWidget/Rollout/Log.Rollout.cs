using Microsoft.Extensions.Logging;

namespace HelpWidget;

/// <summary>The roll-out's log messages (event ids 160-169), beside the assembly's others.</summary>
internal static partial class Log
{
    [LoggerMessage(160, LogLevel.Information, "Roll-out applied: {LiveAreaCount} live area(s) (0: all), the launcher for {Audience} on {RouteCount} route pattern(s) (0: every route).")]
    public static partial void RolloutApplied(ILogger logger, int liveAreaCount, string audience, int routeCount);

    [LoggerMessage(161, LogLevel.Error, "The changed roll-out settings were refused; the last good roll-out stays in force until they are fixed: {Problems}")]
    public static partial void RolloutRejected(ILogger logger, string problems);
}
