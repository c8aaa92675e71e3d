namespace HelpWidget.AspNetCore;

/// <summary>The <c>ticket</c> part of <c>POST tickets</c>: a <see cref="TicketSubmission"/> without what the server sets.</summary>
internal sealed class TicketBody
{
    public string? IdempotencyKey { get; set; }

    public string? Subject { get; set; }

    public string? Description { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Category { get; set; }

    public Dictionary<string, string>? Fields { get; set; }

    public string? Language { get; set; }

    public string? Route { get; set; }

    /// <summary>What the sender's widget knows (searches tried, articles read, app and version); the server's own entries win.</summary>
    public Dictionary<string, string>? Context { get; set; }
}

/// <summary>What <c>GET tickets/{reference}</c> shows its creator: what they sent, without the server's context.</summary>
internal sealed class TicketView
{
    public required string Reference { get; init; }

    public required string Subject { get; init; }

    public required string Description { get; init; }

    public string? Category { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public IReadOnlyList<string> Attachments { get; init; } = [];
}
