using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;


namespace HelpWidget.Lucene;

/// <summary>
/// Searches the articles of an <see cref="IArticleSource"/> with one in-memory Lucene index per language. When the
/// source reports a change, a new index is built in the background and swapped in atomically: searches never wait
/// for a reload and never see half of one.
/// </summary>
internal sealed class LuceneKnowledgeProvider : IKnowledgeProvider, IDisposable
{

    private const int MaxSynonymFileBytes = 1024 * 1024;
    private const string GenerationPrefix = "index-";

    private readonly IArticleSource _source;
    private readonly IOptions<HelpWidgetOptions> _options;
    private readonly ILogger<LuceneKnowledgeProvider> _logger;
    private readonly IOptions<LuceneSearchOptions>? _searchOptions;
    private readonly IHostEnvironment? _environment;
    private readonly SemaphoreSlim _buildLock = new(1, 1);
    private readonly System.Threading.Lock _reloadLock = new();
    private volatile IndexSnapshot? _snapshot;
    private bool _reloadPending;
    private int _generation;
    private Task _reloading = Task.CompletedTask;
    private TaskCompletionSource _reloaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LuceneKnowledgeProvider(
        IArticleSource source,
        IOptions<HelpWidgetOptions> options,
        ILogger<LuceneKnowledgeProvider> logger,
        IOptions<LuceneSearchOptions>? searchOptions = null,
        IHostEnvironment? environment = null,
        IArticleSignalSource? signals = null,
        TimeProvider? time = null)
    {
        Signals = new SignalCache(signals, time ?? TimeProvider.System, logger);
        _source = source;
        _options = options;
        _logger = logger;
        _searchOptions = searchOptions;
        _environment = environment;
        _source.ArticlesChanged += OnArticlesChanged;
    }

    /// <summary>Gets the signals from the store that reorder the best text matches.</summary>
    internal SignalCache Signals { get; }

    /// <summary>Gets a task that completes when the next reload after this call has been swapped in.</summary>
    internal Task NextReload
    {
        get
        {
            lock (_reloadLock)
            {
                return _reloaded.Task;
            }
        }
    }

    public async Task EnsureIndexAsync(CancellationToken cancellationToken = default) => (await AcquireSnapshotAsync(cancellationToken)).Release();

    public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WithSnapshotAsync(snapshot => Search(snapshot, request), cancellationToken);
    }

    public Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WithSnapshotAsync(snapshot => Suggest(snapshot, request), cancellationToken);
    }

    public Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WithSnapshotAsync(snapshot => GetArticle(snapshot, request), cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    private SearchResults Search(IndexSnapshot snapshot, SearchRequest request)
    {
        var settings = _options.Value;
        var max = Math.Clamp(request.MaxResults, 1, SearchRequest.MaxResultsLimit);

        var order = snapshot.SearchOrder(request.Language, settings.DefaultLanguage).ToList();
        foreach (var index in order)
        {
            var query = QueryText.Parse(request.Query ?? string.Empty, index, settings.MaxQueryLength);
            if (query.IsEmpty)
            {
                return SearchResults.Empty;
            }

            var hits = Search(index, query, request, max);
            if (hits.Count > 0)
            {
                return new SearchResults { Hits = hits };
            }
        }

        return new SearchResults { DidYouMean = order.Count > 0 ? DidYouMean(order[0], request, _options.Value.MaxQueryLength) : null };
    }

    private SearchResults Suggest(IndexSnapshot snapshot, SearchRequest request)
    {
        var index = snapshot.SearchOrder(request.Language, _options.Value.DefaultLanguage).FirstOrDefault();
        if (index is null)
        {
            return SearchResults.Empty;
        }

        // Tiers, each above everything below it: a declared key, then a declared tag, then the route and its parents.
        var query = new BooleanQuery();
        foreach (var key in request.Context.Keys.Take(QueryText.MaxTerms))
        {
            query.Add(Tier(LanguageIndex.NormaliseContext(key), 1000f), Occur.SHOULD);
        }

        foreach (var tag in request.Context.Tags.Take(QueryText.MaxTerms))
        {
            query.Add(Tier(LanguageIndex.TagContext(tag), 50f), Occur.SHOULD);
        }

        var route = RoutePath(request.Context.Route);
        var weight = 3f;
        foreach (var prefix in RoutePrefixes(route))
        {
            query.Add(Tier(prefix, prefix == "/" && route != "/" ? 0.5f : weight), Occur.SHOULD);
            weight = Math.Max(1f, weight - 1f);
        }

        var max = Math.Clamp(request.MaxResults, 1, SearchRequest.MaxResultsLimit);
        var hits = query.Clauses.Count == 0 ? [] : Search(index, query, request.User, max);
        return new SearchResults { Hits = WithPopular(index, hits, request.User, max) };
    }

    private static ConstantScoreQuery Tier(string contextTerm, float score) =>
        new(new TermQuery(new Term(LanguageIndex.ContextField, contextTerm))) { Boost = score };

    /// <summary>
    /// Orders hits of equal context match by how many found them helpful, and fills what the context leaves free
    /// with the articles most often found helpful.
    /// </summary>
    private List<ArticleHit> WithPopular(LanguageIndex index, List<ArticleHit> hits, HelpUser user, int max)
    {
        var signals = Signals.Current;
        int Votes(string id) => signals.TryGetValue(id, out var s) ? s.HelpfulVotes : 0;
        var ordered = hits.OrderByDescending(h => h.Score).ThenByDescending(h => Votes(h.Id)).ToList();
        if (ordered.Count >= max || signals.Count == 0)
        {
            return ordered;
        }

        var taken = ordered.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var popular = index.Articles
            .Where(a => !taken.Contains(a.Id) && Votes(a.Id) > 0 && a.IsVisibleTo(user))
            .OrderByDescending(a => Votes(a.Id))
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Take(max - ordered.Count);
        ordered.AddRange(popular.Select(a => Hit(a, 0, string.Empty)));
        return ordered;
    }

    private HelpArticle? GetArticle(IndexSnapshot snapshot, ArticleRequest request)
    {
        var id = request.ArticleId;
        if (id.Length is 0 or > 128)
        {
            return null;
        }

        var defaultLanguage = _options.Value.DefaultLanguage;
        var language = Language(request.Language) ?? defaultLanguage;
        var article = snapshot.Find(id, language) ?? snapshot.Find(id, defaultLanguage) ?? snapshot.FindAny(id);
        return article is not null && article.IsVisibleTo(request.User) ? article : null;
    }

    public void Dispose()
    {
        _source.ArticlesChanged -= OnArticlesChanged;
        _snapshot?.Release();
        _snapshot = null;
        _buildLock.Dispose();
    }

    private void OnArticlesChanged(object? sender, EventArgs e)
    {
        lock (_reloadLock)
        {
            _reloadPending = true;
            if (_reloading.IsCompleted)
            {
                _reloading = Task.Run(ReloadAsync);
            }
        }
    }

    /// <summary>Rebuilds until no change is pending; a change during a rebuild causes one more.</summary>
    private async Task ReloadAsync()
    {
        while (true)
        {
            TaskCompletionSource reloaded;
            lock (_reloadLock)
            {
                if (!_reloadPending)
                {
                    return;
                }

                _reloadPending = false;
                reloaded = _reloaded;
                _reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            await _buildLock.WaitAsync();
            try
            {
                var replaced = _snapshot;
                _snapshot = await BuildSnapshotAsync(CancellationToken.None);

                // Closed (and deleted from disk) when the last search still using it is done.
                replaced?.Release();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                Log.ReloadFailed(_logger, ex);
            }
            finally
            {
                _buildLock.Release();
                reloaded.TrySetResult();
            }
        }
    }

    private async Task<IndexSnapshot> BuildSnapshotAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var articles = await _source.LoadArticlesAsync(cancellationToken);
        var folder = IndexFolder();
        var snapshot = IndexSnapshot.Build(articles, LoadSynonyms, folder);
        Log.Indexed(_logger, articles.Count, snapshot.Languages.Count, stopwatch.ElapsedMilliseconds);
        return snapshot;
    }

    private List<ArticleHit> Search(LanguageIndex index, QueryText query, SearchRequest request, int max)
    {
        var signals = Signals.Current;
        var candidates = index.HasRestrictedArticles
            ? index.Searcher.Search(QueryBuilder.Build(index, query), AudienceFilter(request.User), max * Ranking.CandidatesPerResult)
            : index.Searcher.Search(QueryBuilder.Build(index, query), max * Ranking.CandidatesPerResult);
        return [.. candidates.ScoreDocs
            .Select(d => (d.Doc, Score: d.Score * Ranking.Factor(index.Articles[d.Doc], request.Context, signals)))
            .OrderByDescending(c => c.Score)
            .Take(max)
            .Select(c => Hit(index.Articles[c.Doc], c.Score, index.Snippet(c.Doc, query)))];
    }

    private static ArticleHit Hit(HelpArticle article, double score, string snippet) => new()
    {
        Id = article.Id,
        Language = article.Language,
        Title = article.Title,
        Summary = article.Summary,
        SnippetHtml = snippet,
        Score = score,
    };

    /// <summary>
    /// When nothing was found: the query with each word the index does not know replaced by its closest indexed word,
    /// offered only if that query finds something the user may see.
    /// </summary>
    private static string? DidYouMean(LanguageIndex index, SearchRequest request, int maxLength)
    {
        var query = QueryText.Parse(request.Query ?? string.Empty, index, maxLength);
        var corrected = new List<string>(query.Words.Count);
        var changed = false;
        for (var i = 0; i < query.Words.Count; i++)
        {
            var word = query.Words[i];
            var replacement = word.Length >= 3 && Vocabulary.DocFreq(index, word) == 0
                ? Vocabulary.Corrections(index, word, QueryBuilder.MaxEdits(word), 1).FirstOrDefault()
                : null;
            corrected.Add(replacement ?? query.RawWords[i]);
            changed |= replacement is not null;
        }

        if (!changed)
        {
            return null;
        }

        var suggestion = string.Join(' ', corrected);
        var check = QueryText.Parse(suggestion + " ", index, maxLength);
        return Search(index, QueryBuilder.Build(index, check), request.User, 1).Count > 0 ? suggestion : null;
    }

    /// <summary>Hits without snippets, in Lucene's order: suggestions and the spelling check.</summary>
    private static List<ArticleHit> Search(LanguageIndex index, Query query, HelpUser user, int max)
    {
        var top = index.HasRestrictedArticles ? index.Searcher.Search(query, AudienceFilter(user), max) : index.Searcher.Search(query, max);
        return [.. top.ScoreDocs.Select(d => Hit(index.Articles[d.Doc], d.Score, string.Empty))];
    }

    private static QueryWrapperFilter AudienceFilter(HelpUser user)
    {
        var audiences = new BooleanQuery { { new TermQuery(new Term(LanguageIndex.AudienceField, LanguageIndex.Everyone)), Occur.SHOULD } };
        foreach (var audience in user.Audiences.Take(QueryText.MaxTerms))
        {
            if (!string.IsNullOrWhiteSpace(audience) && audience != LanguageIndex.Everyone)
            {
                audiences.Add(new TermQuery(new Term(LanguageIndex.AudienceField, audience.ToLowerInvariant())), Occur.SHOULD);
            }
        }

        return new QueryWrapperFilter(audiences);
    }

    private static string RoutePath(string? route)
    {
        if (string.IsNullOrWhiteSpace(route))
        {
            return "/";
        }

        var path = route.Split('?', '#')[0];
        return LanguageIndex.NormaliseContext(path.StartsWith('/') ? path : "/" + path);
    }

    /// <summary>The route and each of its parents, most specific first: <c>/a/b</c>, <c>/a</c>, <c>/</c>.</summary>
    private static IEnumerable<string> RoutePrefixes(string route)
    {
        var current = route;
        for (var depth = 0; depth < 8 && current.Length > 1; depth++)
        {
            yield return current;
            var slash = current.LastIndexOf('/');
            current = slash <= 0 ? "/" : current[..slash];
        }

        yield return "/";
    }

    private static string? Language(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(tag.Trim());
            return culture.TwoLetterISOLanguageName is { Length: 2 } two && two != "iv" ? two : null;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A new folder for this build when the index is kept on disk; <see langword="null"/> in memory.</summary>
    private string? IndexFolder()
    {
        if (_searchOptions?.Value.IndexPath is not { Length: > 0 } configured)
        {
            return null;
        }

        var root = Path.GetFullPath(Path.Combine(_environment?.ContentRootPath ?? AppContext.BaseDirectory, configured));
        if (Interlocked.Increment(ref _generation) == 1 && Directory.Exists(root))
        {
            // Builds of an earlier run: the index is always rebuilt from the articles at start.
            foreach (var stale in Directory.EnumerateDirectories(root, GenerationPrefix + "*"))
            {
                IndexSnapshot.DeleteFolder(stale);
            }
        }

        return Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"{GenerationPrefix}{_generation:D6}-{Environment.ProcessId}"));
    }

    /// <summary>Reads the language's synonym file; a missing file means no synonyms, a bad line is skipped with a warning.</summary>
    private Synonyms LoadSynonyms(string language, global::Lucene.Net.Analysis.Analyzer words)
    {
        var root = _environment?.ContentRootPath ?? AppContext.BaseDirectory;
        var folder = _searchOptions?.Value.SynonymsPath is { Length: > 0 } configured
            ? Path.Combine(root, configured)
            : Path.Combine(root, _options.Value.ArticlesPath, "synonyms");
        var file = Path.GetFullPath(Path.Combine(folder, language + ".txt"));
        if (!File.Exists(file))
        {
            return Synonyms.Empty;
        }

        if (new FileInfo(file).Length > MaxSynonymFileBytes)
        {
            Log.SynonymsSkipped(_logger, file, $"it is larger than {MaxSynonymFileBytes} bytes.");
            return Synonyms.Empty;
        }

        return Synonyms.Parse(
            File.ReadLines(file),
            member => QueryText.Analyse(words, LanguageIndex.WordsField, member),
            (line, problem) => Log.SynonymsSkipped(_logger, $"{file}:{line}", problem));
    }

    private async Task<T> WithSnapshotAsync<T>(Func<IndexSnapshot, T> action, CancellationToken cancellationToken)
    {
        var snapshot = await AcquireSnapshotAsync(cancellationToken);
        try
        {
            return action(snapshot);
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>The current index, held for one call: it stays open until released, even if a reload replaces it meanwhile.</summary>
    private async ValueTask<IndexSnapshot> AcquireSnapshotAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_snapshot is { } current)
            {
                if (current.TryAcquire())
                {
                    return current;
                }

                // Replaced and released between the read and the acquire: read the new one.
                continue;
            }

            await _buildLock.WaitAsync(cancellationToken);
            try
            {
                _snapshot ??= await BuildSnapshotAsync(cancellationToken);
            }
            finally
            {
                _buildLock.Release();
            }
        }
    }

    private sealed class IndexSnapshot
    {
        private readonly Dictionary<(string Id, string Language), HelpArticle> _articles;
        private readonly string? _folder;
        private int _references = 1;

        private IndexSnapshot(Dictionary<string, LanguageIndex> languages, Dictionary<(string, string), HelpArticle> articles, string? folder)
        {
            Languages = languages;
            _articles = articles;
            _folder = folder;
        }

        public Dictionary<string, LanguageIndex> Languages { get; }

        public static IndexSnapshot Build(IReadOnlyList<HelpArticle> articles, Func<string, global::Lucene.Net.Analysis.Analyzer, Synonyms> synonyms, string? folder)
        {
            var languages = articles
                .GroupBy(a => a.Language, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(
                    g => g.Key,
                    g => LanguageIndex.Build(g.Key, g.ToList(), SearchTuning.Default, words => synonyms(g.Key, words), folder is null ? null : global::Lucene.Net.Store.FSDirectory.Open(Path.Combine(folder, g.Key))),
                    StringComparer.OrdinalIgnoreCase);
            var byId = new Dictionary<(string, string), HelpArticle>();
            foreach (var article in articles)
            {
                byId.TryAdd((article.Id, article.Language), article);
            }

            return new IndexSnapshot(languages, byId, folder);
        }

        public static void DeleteFolder(string folder)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file still open elsewhere: the next start removes the folder.
            }
        }

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
                    index.Dispose();
                }

                if (_folder is not null)
                {
                    DeleteFolder(_folder);
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
}
