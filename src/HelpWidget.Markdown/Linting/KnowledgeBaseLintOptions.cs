namespace HelpWidget.Markdown;

/// <summary>
/// Settings of <see cref="KnowledgeBaseLinter"/>. The defaults are the app's (<see cref="MarkdownContentOptions"/>'s
/// defaults and the advised area sizes), so <c>helpwidget lint</c> and the app report the same problems.
/// </summary>
public sealed class KnowledgeBaseLintOptions
{
    /// <summary>Gets or sets the language of a file whose front matter names none and which sits in no language sub-folder, as a two-letter lower-case code. Defaults to <c>en</c>.</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>Gets or sets the largest file read, in bytes, from 1 KiB to 16 MiB; larger files are reported and left out. Defaults to 1 MiB.</summary>
    public int MaxArticleBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the fewest articles an area should have in each language before a warning, at least 0. Defaults to 5.</summary>
    public int MinArticlesPerArea { get; set; } = 5;

    /// <summary>Gets or sets the most articles an area should have in each language before a warning, at least <see cref="MinArticlesPerArea"/>. Defaults to 25.</summary>
    public int MaxArticlesPerArea { get; set; } = 25;

    internal void Validate()
    {
        if (MarkdownArticleParser.PrimaryLanguage(DefaultLanguage) is not { Length: 2 } language || language != DefaultLanguage)
        {
            throw new ArgumentException($"DefaultLanguage must be a two-letter lower-case ISO 639-1 code such as 'en', not '{DefaultLanguage}'.", nameof(DefaultLanguage));
        }

        if (MaxArticleBytes is < 1024 or > 16 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxArticleBytes), MaxArticleBytes, "MaxArticleBytes must be between 1024 (1 KiB) and 16777216 (16 MiB).");
        }

        if (MinArticlesPerArea < 0 || MaxArticlesPerArea < MinArticlesPerArea)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxArticlesPerArea), MaxArticlesPerArea, $"MinArticlesPerArea ({MinArticlesPerArea}) must be at least 0 and at most MaxArticlesPerArea ({MaxArticlesPerArea}).");
        }
    }
}
