using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HelpWidget.PostgreSql.Search;

/// <summary>An article as the JSON document stored in the <c>articles</c> table, and the hash that tells a change.</summary>
internal static class ArticleDocument
{
    /// <summary>The longest id or language kept, in characters (the longest id an article request may name); longer ones are refused rather than cut.</summary>
    public const int MaxKeyLength = 128;

    public static byte[] Serialize(HelpArticle article) => JsonSerializer.SerializeToUtf8Bytes(article, ArticleJsonContext.Default.HelpArticle);

    public static HelpArticle? Deserialize(string json) => JsonSerializer.Deserialize(json, ArticleJsonContext.Default.HelpArticle);

    /// <summary>SHA-256 of the serialised article, lower-case hex.</summary>
    public static string Hash(byte[] json) => Convert.ToHexStringLower(SHA256.HashData(json));

    /// <summary>Why the article cannot be stored, or <see langword="null"/> when it can.</summary>
    public static string? Problem(HelpArticle article)
    {
        if (string.IsNullOrWhiteSpace(article.Id) || article.Id.Length > MaxKeyLength)
        {
            return $"The id must have 1 to {MaxKeyLength} characters.";
        }

        if (string.IsNullOrWhiteSpace(article.Language) || article.Language.Length > MaxKeyLength)
        {
            return $"The language must have 1 to {MaxKeyLength} characters.";
        }

        // PostgreSQL text and jsonb cannot hold the NUL character; no article text needs one.
        return HasNul(article) ? "The article contains the NUL character (U+0000), which PostgreSQL cannot store." : null;
    }

    private static bool HasNul(HelpArticle article) =>
        new[] { article.Id, article.Language, article.Title, article.Summary, article.Html, article.Text }
            .Concat(article.Tags).Concat(article.Contexts).Concat(article.Audiences).Concat(article.Related)
            .Any(value => value.Contains('\0', StringComparison.Ordinal));
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HelpArticle))]
internal sealed partial class ArticleJsonContext : JsonSerializerContext;
