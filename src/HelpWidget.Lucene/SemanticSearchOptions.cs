namespace HelpWidget.Lucene;

/// <summary>
/// Options of the engine's meaning-aware layer, which ranks a language's results by what the words mean as well as by
/// the words themselves once an embedding generator is registered for that language (a keyed
/// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> whose key is the language code, such as <c>en</c>).
/// Without a generator these options do nothing. Set them in <c>AddLuceneSearch()</c>'s companion
/// <c>services.Configure&lt;SemanticSearchOptions&gt;()</c>, or bind them from configuration (the sample apps bind
/// <c>HelpWidget:Lucene:Semantic</c>); they are validated when the app starts.
/// </summary>
public sealed class SemanticSearchOptions
{
    /// <summary>
    /// Gets or sets the share of the meaning-aware score in a result's rank, from 0 to 1; the rest is the word-matching
    /// score. Both are scaled to 0..1 over the candidates of each search first. Defaults to 0.7, measured on the
    /// shared evaluation sets.
    /// </summary>
    public double Weight { get; set; } = 0.7;

    /// <summary>
    /// Gets or sets the lowest similarity (cosine, -1 to 1) at which an article that no word of the query matches can
    /// still be a result; an article that words match is always a candidate. It keeps text that means nothing from
    /// returning the nearest articles anyway. Defaults to 0.35, measured with the local model (snowflake-arctic-embed-xs).
    /// </summary>
    public double MinSimilarity { get; set; } = 0.35;

    /// <summary>
    /// Gets or sets how long a search waits for the query's vector; a search that waits longer, or whose generator
    /// fails, is answered by word matching alone (logged and counted, never shown to the user). From 10 milliseconds
    /// to 10 seconds. Defaults to 250 milliseconds.
    /// </summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Gets or sets how many recent queries' vectors are kept in memory, per language (least recently used ones go
    /// first); 0 keeps none. From 0 to 100,000. Defaults to 1,000 (about 1.5 KB each with a 384-dimension model).
    /// </summary>
    public int QueryCacheSize { get; set; } = 1000;

    /// <summary>
    /// Gets or sets how many batches of articles are sent to a generator at once while the articles' vectors are
    /// computed in the background. From 1 to 16. Defaults to 2.
    /// </summary>
    public int MaxParallelism { get; set; } = 2;

    /// <summary>
    /// Gets or sets the folder the articles' vectors are kept in, absolute or relative to the app's content root,
    /// keyed by the model and by each article's content: after a restart only the articles that changed are embedded
    /// again. <see langword="null"/> or empty keeps them in memory only. Defaults to <c>App_Data/vectors</c>.
    /// </summary>
    public string? VectorCachePath { get; set; } = "App_Data/vectors";
}
