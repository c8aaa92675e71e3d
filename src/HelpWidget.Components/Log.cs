using Microsoft.Extensions.Logging;

namespace HelpWidget.Components;

/// <summary>
/// What the components log. Every failure the user is told about is logged here too; no message carries what the user
/// typed (searches, subjects, descriptions, names, e-mail addresses, file names), only ids the app itself defines.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Suggestions for the page could not be loaded; the panel shows search without them.")]
    public static partial void SuggestionsFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "A search failed; the panel says search is not available.")]
    public static partial void SearchFailed(this ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Error, "Article '{ArticleId}' could not be loaded; the panel says it is not available.")]
    public static partial void ArticleFailed(this ILogger logger, string articleId, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "The answer that article '{ArticleId}' solved a problem could not be stored; search does not learn from it.")]
    public static partial void SolvedNotStored(this ILogger logger, string articleId, Exception exception);

    [LoggerMessage(5, LogLevel.Error, "A ticket could not be stored; the form keeps the draft and asks the user to try again.")]
    public static partial void TicketFailed(this ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "An attachment could not be read from the browser; the file was not attached.")]
    public static partial void AttachmentFailed(this ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Articles for the ticket being written could not be suggested; the form works without them.")]
    public static partial void ContactSuggestionsFailed(this ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Related article '{ArticleId}' could not be loaded; it is left out of the list.")]
    public static partial void RelatedArticleFailed(this ILogger logger, string articleId, Exception exception);

    [LoggerMessage(9, LogLevel.Error, "Feedback on article '{ArticleId}' could not be stored; the user is told it was not saved.")]
    public static partial void FeedbackFailed(this ILogger logger, string articleId, Exception exception);

    [LoggerMessage(10, LogLevel.Warning, "The dismissal of announcement '{AnnouncementId}' could not be stored; it stays hidden for this session only.")]
    public static partial void DismissalNotStored(this ILogger logger, string announcementId, Exception exception);

    [LoggerMessage(12, LogLevel.Warning, "The full ranking of a settled search could not be loaded; the panel keeps the quick results.")]
    public static partial void RefinementFailed(this ILogger logger, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "The help panel's stylesheet ({Path}) could not be loaded; the panel opens unstyled.")]
    public static partial void PanelStylesFailed(this ILogger logger, string path, Exception? exception = null);

    [LoggerMessage(100, LogLevel.Warning, "The Help launcher on '{Path}' was rendered statically, without an interactive render mode, so its button stays disabled. Give it or a component around it an interactive render mode, such as @rendermode=\"InteractiveServer\".")]
    public static partial void RenderedStatically(this ILogger logger, string path);
}
