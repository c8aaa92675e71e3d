namespace HelpWidget.Testing;

/// <summary>Builds articles for tests: plain text, its HTML encoded, the summary equal to the title.</summary>
public static class TestArticles
{
    /// <summary>Creates an article.</summary>
    /// <param name="id">The article's id.</param>
    /// <param name="title">The title, also used as summary.</param>
    /// <param name="text">The body as plain text.</param>
    /// <param name="language">The language. Defaults to <c>en</c>.</param>
    /// <param name="contexts">The contexts. Defaults to none.</param>
    /// <param name="audiences">The audiences. Defaults to everyone.</param>
    /// <param name="tags">The tags. Defaults to none.</param>
    /// <param name="area">The id of the article's area. Defaults to none.</param>
    /// <returns>The article.</returns>
    public static HelpArticle Article(string id, string title, string text, string language = "en", string[]? contexts = null, string[]? audiences = null, string[]? tags = null, string? area = null) => new()
    {
        Id = id,
        Language = language,
        Title = title,
        Summary = title,
        Text = text,
        Html = $"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>",
        Contexts = contexts ?? [],
        Audiences = audiences ?? [],
        Tags = tags ?? [],
        Area = area,
    };
}
