using Microsoft.Extensions.Logging;

namespace HelpWidget.Smtp;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Ticket {Reference} was sent to {Host}:{Port} (attempt {Attempt}).")]
    public static partial void Delivered(ILogger logger, string reference, string host, int port, int attempt);

    // The dispatcher logs the failed attempt as one warning with this reason; this line only adds the detail for debugging.
    [LoggerMessage(2, LogLevel.Debug, "Ticket {Reference} could not be sent to {Host}:{Port} (attempt {Attempt}, {Outcome}): {Reason}")]
    public static partial void Failed(ILogger logger, string reference, string host, int port, int attempt, string outcome, string reason);

    [LoggerMessage(3, LogLevel.Debug, "Closing the SMTP connection to {Host}:{Port} failed after ticket {Reference} was accepted.")]
    public static partial void DisconnectFailed(ILogger logger, string host, int port, string reference, Exception exception);
}
