namespace HelpWidget.AspNetCore;

/// <summary>The JSON body of <c>POST events</c>: a batch of insight events a remote widget recorded.</summary>
internal sealed class EventsBody
{
    public List<EventBody?>? Events { get; set; }
}

/// <summary>
/// One event as a remote widget sends it. There is no user field: the server takes the user from the request's
/// authenticated identity, never from the body. Fields that do not belong to the event's kind are ignored.
/// </summary>
internal sealed class EventBody
{
    public string? Kind { get; set; }

    public DateTimeOffset? OccurredAt { get; set; }

    public string? SessionId { get; set; }

    public string? Language { get; set; }

    public string? Route { get; set; }

    public string? ArticleId { get; set; }

    public string? Query { get; set; }

    public int? ResultCount { get; set; }

    public string? Source { get; set; }

    public bool? Helpful { get; set; }

    public string? Reason { get; set; }

    public string? AnnouncementId { get; set; }
}

/// <summary>The answer to <c>POST events</c>: how many of the batch's events were taken for recording.</summary>
internal sealed class EventsReceipt
{
    /// <summary>Gets the number of events buffered for the store; fewer than sent when recording is off or its buffer is full.</summary>
    public int Accepted { get; init; }
}
