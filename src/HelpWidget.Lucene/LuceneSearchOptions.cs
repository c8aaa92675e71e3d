namespace HelpWidget.Lucene;

/// <summary>Options of the embedded Lucene search engine.</summary>
public sealed class LuceneSearchOptions
{
    /// <summary>
    /// Gets or sets the folder of the synonym files, one per language named after it (<c>en.txt</c>, <c>sv.txt</c>),
    /// absolute or relative to the app's content root. Each line is a group of words that mean the same, separated
    /// by commas (<c>pwd, password, passcode</c>); <c>#</c> starts a comment. <see langword="null"/> uses the
    /// <c>synonyms</c> folder inside <see cref="HelpWidgetOptions.ArticlesPath"/>. Defaults to <see langword="null"/>.
    /// </summary>
    public string? SynonymsPath { get; set; }

    /// <summary>
    /// Gets or sets the folder the index is written to, absolute or relative to the app's content root;
    /// <see langword="null"/> keeps the index in memory. On disk, each rebuild is written to a new sub-folder and
    /// the previous one is deleted once no search uses it. Defaults to <see langword="null"/>.
    /// </summary>
    public string? IndexPath { get; set; }
}
