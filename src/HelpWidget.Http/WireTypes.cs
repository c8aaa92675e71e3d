namespace HelpWidget.Http;

/// <summary>The body of <c>POST feedback</c>: an <see cref="ArticleFeedback"/> without its time, which the server sets.</summary>
internal sealed class FeedbackBody
{
    public string? FeedbackId { get; init; }

    public required string ArticleId { get; init; }

    public required string Language { get; init; }

    public required bool Helpful { get; init; }

    public string? Reason { get; init; }

    public string? Comment { get; init; }

    public string? Route { get; init; }

    public string? Query { get; init; }
}

/// <summary>The <c>ticket</c> part of <c>POST tickets</c>.</summary>
internal sealed class TicketBody
{
    public required string IdempotencyKey { get; init; }

    public required string Subject { get; init; }

    public required string Description { get; init; }

    public required string Name { get; init; }

    public required string Email { get; init; }

    public string? Category { get; init; }

    public IReadOnlyDictionary<string, string>? Fields { get; init; }

    public string? Language { get; init; }

    public string? Route { get; init; }

    public IReadOnlyDictionary<string, string>? Context { get; init; }
}

/// <summary>What <c>GET tickets/{reference}</c> shows the sender.</summary>
internal sealed class TicketView
{
    public required string Reference { get; init; }

    public required string Subject { get; init; }

    public required string Description { get; init; }

    public string? Category { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public IReadOnlyList<string> Attachments { get; init; } = [];
}

/// <summary>An <c>application/problem+json</c> answer, with the API's <c>code</c> and a validation problem's <c>errors</c>.</summary>
internal sealed class ProblemBody
{
    public int? Status { get; init; }

    public string? Title { get; init; }

    public string? Detail { get; init; }

    public string? Code { get; init; }

    public Dictionary<string, string[]>? Errors { get; init; }
}

/// <summary>The body of <c>POST events</c>: a batch of insight events, without the user (the server takes it from the call's credentials).</summary>
internal sealed class EventsBody
{
    public required IReadOnlyList<EventBody> Events { get; init; }
}

/// <summary>One insight event of <see cref="EventsBody"/>; kinds and sources are sent by name, in camelCase.</summary>
internal sealed class EventBody
{
    public required string Kind { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string SessionId { get; init; }

    public string? Language { get; init; }

    public string? Route { get; init; }

    public string? ArticleId { get; init; }

    public string? Query { get; init; }

    public int? ResultCount { get; init; }

    public string? Source { get; init; }

    public bool? Helpful { get; init; }

    public string? Reason { get; init; }

    public string? AnnouncementId { get; init; }
}
