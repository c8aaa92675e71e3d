namespace HelpWidget.Lucene;

/// <summary>
/// Options of the embedded Lucene search engine, set in <c>AddLuceneSearch()</c> or bound from configuration (the
/// sample apps bind <c>HelpWidget:Lucene</c>); they are validated when the app starts.
/// </summary>
public sealed class LuceneSearchOptions
{
    /// <summary>
    /// Gets or sets the language searched when the user's language has no articles, and the language of an article
    /// request that names none, as a two-letter lower-case ISO 639-1 code. Set it to the articles' default language
    /// (<c>MarkdownContentOptions.DefaultLanguage</c> for Markdown articles). Defaults to <c>en</c>.
    /// </summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>
    /// Gets or sets the longest query searched, in characters, from 10 to 10,000; longer text is cut, not refused.
    /// Defaults to 500.
    /// </summary>
    public int MaxQueryLength { get; set; } = 500;

    /// <summary>
    /// Gets or sets the folder of the synonym files, one per language named after it (<c>en.txt</c>, <c>sv.txt</c>),
    /// absolute or relative to the app's content root. Each line is a group of words that mean the same, separated
    /// by commas (<c>pwd, password, passcode</c>); <c>#</c> starts a comment. The files are read again whenever the
    /// article source reports a change, which the Markdown source does for the text files inside its articles folder.
    /// <see langword="null"/> or empty reads no synonyms. Defaults to <c>KnowledgeBase/synonyms</c>, the
    /// <c>synonyms</c> folder inside the Markdown source's default articles folder: an app whose articles are elsewhere
    /// sets this too.
    /// </summary>
    public string? SynonymsPath { get; set; } = DefaultSynonymsPath;

    /// <summary>
    /// Gets or sets the folder the index is written to, absolute or relative to the app's content root;
    /// <see langword="null"/> keeps the index in memory. On disk, each language's index has its own sub-folder, which
    /// changes are written to in place and which is deleted when the app stops; sub-folders left by an earlier run are
    /// deleted at start. Defaults to <see langword="null"/>.
    /// </summary>
    public string? IndexPath { get; set; }

    /// <summary>
    /// Gets or sets how often the engine reads the store's signals again (readers' answers and the searches they
    /// found helpful), at most; a read happens in the background when a search comes after this time has passed, and
    /// a change in what was learned is then written to the index. From one second to one day. Defaults to one minute.
    /// </summary>
    public TimeSpan SignalsRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets how long a search or suggestion waits for the index while it is being built (the app answers
    /// pages while the articles are indexed in the background after it starts). A search that waits longer fails
    /// with a <see cref="TimeoutException"/>, which the panel shows as a failed search. From one second to ten
    /// minutes. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan IndexWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The synonyms folder inside the Markdown source's default articles folder.</summary>
    internal const string DefaultSynonymsPath = "KnowledgeBase/synonyms";
}
