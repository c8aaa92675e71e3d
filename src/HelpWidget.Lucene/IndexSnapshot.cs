namespace HelpWidget.Lucene;

/// <summary>
/// The articles and the index of each language at one moment. Searches hold it while they run; a reload builds the
/// next one and swaps it in, and the replaced one closes when its last search releases it.
/// </summary>
internal sealed class IndexSnapshot
{
    private readonly Dictionary<(string Id, string Language), HelpArticle> _articles;
    private int _references = 1;

    private IndexSnapshot(Dictionary<string, LanguageIndex> languages, Dictionary<(string Id, string Language), HelpArticle> articles)
    {
        Languages = languages;
        _articles = articles;
    }

    /// <summary>Takes over one reference of each index in <paramref name="languages"/>.</summary>
    public IndexSnapshot(Dictionary<string, LanguageIndex> languages, IReadOnlyList<HelpArticle> articles)
    {
        Languages = languages;
        _articles = new Dictionary<(string, string), HelpArticle>(articles.Count);
        foreach (var article in articles)
        {
            _articles.TryAdd((article.Id, article.Language), article);
        }
    }

    public Dictionary<string, LanguageIndex> Languages { get; }

    /// <summary>The same articles with other indexes of them (merged, say); takes over one reference of each index.</summary>
    public IndexSnapshot With(Dictionary<string, LanguageIndex> languages) => new(languages, _articles);

    /// <summary>Holds the snapshot for one call; fails once it has been released for good.</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var references = Volatile.Read(ref _references);
            if (references == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, references + 1, references) == references)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            foreach (var index in Languages.Values)
            {
                index.Release();
            }
        }
    }

    /// <summary>The user's language first, then the default language.</summary>
    public IEnumerable<LanguageIndex> SearchOrder(string? requested, string defaultLanguage)
    {
        var language = LuceneKnowledgeProvider.Language(requested);
        if (language is not null && Languages.TryGetValue(language, out var preferred))
        {
            yield return preferred;
        }

        if (language != defaultLanguage && Languages.TryGetValue(defaultLanguage, out var fallback))
        {
            yield return fallback;
        }
    }

    public HelpArticle? Find(string id, string language) => _articles.GetValueOrDefault((id, language));

    public HelpArticle? FindAny(string id) => _articles.Values.FirstOrDefault(a => a.Id == id);
}
