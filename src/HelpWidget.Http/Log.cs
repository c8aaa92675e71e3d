using Microsoft.Extensions.Logging;

namespace HelpWidget.Http;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "HelpWidget help server: {Endpoint} could not be reached; help is offline until it answers again.")]
    public static partial void Unavailable(ILogger logger, string endpoint, Exception? exception);

    [LoggerMessage(2, LogLevel.Information, "HelpWidget help server: help is offline; the server is asked again in {Delay}.")]
    public static partial void WentOffline(ILogger logger, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Information, "HelpWidget help server: the server answers again; help is online.")]
    public static partial void BackOnline(ILogger logger);

    [LoggerMessage(4, LogLevel.Debug, "HelpWidget help server: {Endpoint} refused with {Status} '{Code}'.")]
    public static partial void Refused(ILogger logger, string endpoint, int status, string? code);

    [LoggerMessage(5, LogLevel.Debug, "HelpWidget help server: {Endpoint} answered from the cache while the server cannot be reached.")]
    public static partial void ServedFromCache(ILogger logger, string endpoint);

    [LoggerMessage(6, LogLevel.Debug, "HelpWidget help server: a probe found the server still unreachable; next probe in {Delay}.")]
    public static partial void ProbeFailed(ILogger logger, TimeSpan delay);

    [LoggerMessage(8, LogLevel.Debug, "HelpWidget help server: {Endpoint} could not be reached; help is still offline.")]
    public static partial void StillUnavailable(ILogger logger, string endpoint, Exception? exception);

    [LoggerMessage(9, LogLevel.Debug, "HelpWidget help server: {Endpoint} answered {Status} in {ElapsedMilliseconds:0} ms.")]
    public static partial void Answered(ILogger logger, string endpoint, int status, double elapsedMilliseconds);

    [LoggerMessage(7, LogLevel.Warning, "HelpWidget help server: {Endpoint} answered with content that could not be read.")]
    public static partial void UnreadableAnswer(ILogger logger, string endpoint, Exception exception);
}
