namespace HelpWidget.Insights;

/// <summary>
/// An event as the user's action recorded it, before the background writer makes it a <see cref="HelpEvent"/>: the
/// user id is hashed and the query scrubbed there, off the user's path. It lives only in memory.
/// </summary>
internal sealed record PendingEvent(HelpEventKind Kind, DateTimeOffset OccurredAt, string? UserId, string AnonymousId, string SessionId)
{
    public string? Language { get; init; }

    public string? Route { get; init; }

    public string? ArticleId { get; init; }

    public string? RawQuery { get; init; }

    public int? ResultCount { get; init; }

    public HelpArticleSource Source { get; init; }

    public bool? Helpful { get; init; }

    public string? Reason { get; init; }

    public string? AnnouncementId { get; init; }
}
