namespace HelpWidget;

/// <summary>How often one article solved a problem without a ticket in a period.</summary>
public sealed class HelpArticleDeflections
{
    /// <summary>Gets the article's id.</summary>
    public required string ArticleId { get; init; }

    /// <summary>Gets the number of self-service resolutions (help sessions that started in the period) in which the article was read or confirmed as the solution.</summary>
    public required int Resolutions { get; init; }

    /// <summary>Gets the number of times in the period users said the article solved their problem ("this solved my problem").</summary>
    public required int Confirmations { get; init; }
}
