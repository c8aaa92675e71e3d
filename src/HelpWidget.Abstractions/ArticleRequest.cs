namespace HelpWidget;

/// <summary>A request for one article.</summary>
public sealed class ArticleRequest
{
    /// <summary>Initializes a new instance of the <see cref="ArticleRequest"/> class.</summary>
    /// <param name="articleId">The id of the article.</param>
    /// <exception cref="ArgumentNullException"><paramref name="articleId"/> is <see langword="null"/>.</exception>
    public ArticleRequest(string articleId)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        ArticleId = articleId;
    }

    /// <summary>Gets the id of the article.</summary>
    public string ArticleId { get; }

    /// <summary>Gets who is asking. Defaults to <see cref="HelpUser.Anonymous"/>.</summary>
    public HelpUser User { get; init; } = HelpUser.Anonymous;

    /// <summary>Gets the preferred language as an IETF tag; <see langword="null"/> uses the provider's default language.</summary>
    public string? Language { get; init; }
}
