using Microsoft.Extensions.Logging;

namespace HelpWidget.AspNetCore;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "HelpWidget API {Endpoint}: request refused by rule '{Rule}'.")]
    public static partial void RequestRefused(ILogger logger, string endpoint, string rule);

    [LoggerMessage(2, LogLevel.Information, "HelpWidget API: a request was refused by rate-limiting policy '{Policy}'; retry after {RetryAfterSeconds} s.")]
    public static partial void RateLimited(ILogger logger, string policy, int retryAfterSeconds);

    [LoggerMessage(3, LogLevel.Error, "HelpWidget API {Endpoint} failed; the caller got {Status}.")]
    public static partial void RequestFailed(ILogger logger, string endpoint, int status, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "HelpWidget API: feedback stored for article '{ArticleId}'.")]
    public static partial void FeedbackStored(ILogger logger, string articleId);

    [LoggerMessage(5, LogLevel.Information, "HelpWidget API: ticket {Reference} stored ({AttachmentCount} attachment(s)).")]
    public static partial void TicketStored(ILogger logger, string reference, int attachmentCount);

    [LoggerMessage(20, LogLevel.Warning, "HelpWidget embed: a page's token was refused ({Reason}); its user gets help as a guest.")]
    public static partial void EmbedTokenRefused(ILogger logger, string reason);

    [LoggerMessage(21, LogLevel.Information, "HelpWidget embed: a request from {Origin} to {Path} was refused; that origin is not in HelpWidget:Api:AllowedOrigins.")]
    public static partial void EmbedOriginRefused(ILogger logger, string origin, string path);
}
