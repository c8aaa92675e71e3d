namespace HelpWidget.AspNetCore;

/// <summary>The JSON body of <c>POST feedback</c>: an <see cref="ArticleFeedback"/> without the time, which the server sets.</summary>
internal sealed class FeedbackBody
{
    public string? FeedbackId { get; set; }

    public string? ArticleId { get; set; }

    public string? Language { get; set; }

    public bool? Helpful { get; set; }

    public string? Reason { get; set; }

    public string? Comment { get; set; }

    public string? Route { get; set; }

    public string? Query { get; set; }
}
