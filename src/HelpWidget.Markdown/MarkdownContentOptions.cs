using System.ComponentModel.DataAnnotations;

namespace HelpWidget.Markdown;

/// <summary>
/// Options of the Markdown article and announcement sources, set in <c>AddMarkdownContent()</c> or bound from
/// configuration (the sample apps bind the <c>HelpWidget</c> section, so <c>HelpWidget:ArticlesPath</c> names the folder).
/// </summary>
public sealed class MarkdownContentOptions
{
    /// <summary>
    /// Gets or sets the folder holding the Markdown articles, absolute or relative to the app's content root.
    /// Articles may sit in sub-folders named after their language (<c>en/</c>, <c>sv/</c>); a missing folder means no
    /// articles (with a warning). Defaults to <c>KnowledgeBase</c>, which the package's build files publish with the app.
    /// </summary>
    [Required(ErrorMessage = "HelpWidget Markdown content: ArticlesPath is empty; name the folder of the Markdown articles, such as 'KnowledgeBase'.")]
    public string ArticlesPath { get; set; } = "KnowledgeBase";

    /// <summary>
    /// Gets or sets the folder holding announcements as Markdown files, absolute or relative to the app's content
    /// root; a missing folder means no announcements. Defaults to <c>Announcements</c>.
    /// </summary>
    [Required(ErrorMessage = "HelpWidget Markdown content: AnnouncementsPath is empty; name the folder of the announcements, such as 'Announcements' (a missing folder means none).")]
    public string AnnouncementsPath { get; set; } = "Announcements";

    /// <summary>
    /// Gets or sets the language of a file whose front matter names none and which sits in no language sub-folder,
    /// as a two-letter lower-case ISO 639-1 code. Defaults to <c>en</c>.
    /// </summary>
    [Required(ErrorMessage = "HelpWidget Markdown content: DefaultLanguage is empty; give a two-letter lower-case ISO 639-1 code such as 'en'.")]
    [RegularExpression("^[a-z]{2}$", ErrorMessage = "HelpWidget Markdown content: DefaultLanguage must be a two-letter lower-case ISO 639-1 code such as 'en'.")]
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>
    /// Gets or sets the largest Markdown file read, in bytes, from 1 KiB to 16 MiB; larger files are skipped with a
    /// warning. Defaults to 1 MiB.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "HelpWidget Markdown content: MaxArticleBytes must be between 1024 (1 KiB) and 16777216 (16 MiB).")]
    public int MaxArticleBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Gets or sets a value indicating whether changes to the articles folder (added, changed, deleted files, and
    /// text files such as a search engine's synonyms inside it) are reported while the app runs, so a search engine
    /// indexes them again. Defaults to <see langword="true"/>.
    /// </summary>
    public bool WatchForChanges { get; set; } = true;
}
