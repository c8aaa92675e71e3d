namespace HelpWidget.PostgreSql;

/// <summary>What one publish changed in the shared articles.</summary>
public sealed class ArticlePublishResult
{
    /// <summary>Gets the number of articles that were not in the database (or had been removed) and now are.</summary>
    public required int Added { get; init; }

    /// <summary>Gets the number of articles whose content differed and was replaced.</summary>
    public required int Changed { get; init; }

    /// <summary>Gets the number of articles in the database that were missing from the publish and were removed.</summary>
    public required int Removed { get; init; }

    /// <summary>Gets the number of articles that were already stored as they are, and were not written.</summary>
    public required int Unchanged { get; init; }

    /// <summary>Gets the articles that could not be stored, with the reason; they were left out and the rest published. Defaults to none.</summary>
    public IReadOnlyList<ArticleRefusal> Refused { get; init; } = [];

    /// <summary>Gets a value indicating whether the publish changed anything, and so notified the instances.</summary>
    public bool HasChanges => Added + Changed + Removed > 0;
}

/// <summary>An article a publish left out, and why.</summary>
public sealed class ArticleRefusal
{
    /// <summary>Gets the article's id as given (it may be empty or too long, which is then the reason).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the article's language as given.</summary>
    public required string Language { get; init; }

    /// <summary>Gets the reason, in English, for the publisher's log.</summary>
    public required string Reason { get; init; }
}
