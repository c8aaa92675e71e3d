using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using HelpWidget.Lucene.Semantic;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;


namespace HelpWidget.Lucene;

/// <summary>
/// Searches the articles of an <see cref="IArticleSource"/> with one Lucene index per language, in memory or on disk.
/// When the source reports a change, the articles that differ are written to each language's index in the background
/// and a new point-in-time view is swapped in atomically: searches never wait for a reload and never see half of one.
/// A language with an embedding generator is also ranked by meaning once its articles' vectors are ready
/// (<see cref="SemanticLayer"/>); until then, and for queries still being typed, by words alone.
/// </summary>
internal sealed partial class LuceneKnowledgeProvider : IKnowledgeProvider, IDisposable
{
    private const string GenerationPrefix = "index-";

    private readonly IArticleSource _source;
    private readonly LuceneSearchOptions _options;
    private readonly ILogger<LuceneKnowledgeProvider> _logger;
    private readonly IHostEnvironment? _environment;
    private readonly SynonymFiles _synonyms;
    private readonly TimeProvider _time;

    private readonly SemaphoreSlim _buildLock = new(1, 1);
    private readonly System.Threading.Lock _reloadLock = new();
    private volatile IndexSnapshot? _snapshot;
    private volatile bool _disposed;

    // Used only while holding _buildLock.
    private readonly Dictionary<string, LanguageIndexWriter> _writers = new(StringComparer.OrdinalIgnoreCase);
    private bool _closed;
    private bool _reloadPending;
    private bool _compactPending;
    private bool _changedSinceCompaction;
    private int _generation;

    /// <summary>Whether <see cref="ReloadAsync"/> is running; read and written under <see cref="_reloadLock"/>.</summary>
    private bool _reloadRunning;
    private TaskCompletionSource _reloaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer _compactTimer;

    /// <summary>
    /// How long the articles must stay unchanged before the small segments that changes leave are merged into one:
    /// every query term is looked up in every segment, so a merged index answers faster and allocates less.
    /// </summary>
    internal static readonly TimeSpan CompactAfter = TimeSpan.FromSeconds(30);

    public LuceneKnowledgeProvider(
        IArticleSource source,
        ILogger<LuceneKnowledgeProvider> logger,
        IOptions<LuceneSearchOptions>? options = null,
        IHostEnvironment? environment = null,
        IArticleSignalSource? signals = null,
        TimeProvider? time = null,
        IOptions<SemanticSearchOptions>? semanticOptions = null,
        EmbeddingGenerators? generators = null)
    {
        _time = time ?? TimeProvider.System;
        _options = options?.Value ?? new LuceneSearchOptions();
        Signals = new SignalCache(signals, _time, logger, _options.SignalsRefreshInterval);
        _compactTimer = _time.CreateTimer(_ => OnQuiet(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _source = source;
        _logger = logger;
        _environment = environment;
        var synonymFolder = SynonymFolder();
        if (synonymFolder is not null && !Directory.Exists(synonymFolder))
        {
            // Said once: an app whose articles are not in the default folder may not know the synonyms' folder is separate.
            Log.NoSynonymsFolder(logger, synonymFolder);
        }

        _synonyms = new SynonymFiles(synonymFolder, logger);
        var semantic = semanticOptions?.Value ?? new SemanticSearchOptions();
        Semantic = new SemanticLayer(generators ?? EmbeddingGenerators.None, semantic, ContentPath(semantic.VectorCachePath), logger, _time);
        _source.ArticlesChanged += OnArticlesChanged;
        Signals.LearnedChanged += OnArticlesChanged;
    }

    /// <summary>Gets the meaning-aware layer: the vectors of the languages that have an embedding generator.</summary>
    internal SemanticLayer Semantic { get; }

    /// <summary>Gets the index that searches read now; <see langword="null"/> until the first build is done.</summary>
    internal IndexSnapshot? CurrentSnapshot => _snapshot;

    /// <summary>Gets the signals from the store that reorder the best text matches.</summary>
    internal SignalCache Signals { get; }

    /// <summary>Gets the number of segments of each language's current index; for tests and diagnostics.</summary>
    internal IReadOnlyDictionary<string, int> Segments =>
        _snapshot?.Languages.ToDictionary(l => l.Key, l => l.Value.Reader.Leaves.Count, StringComparer.OrdinalIgnoreCase) ?? [];

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

    /// <summary>
    /// Waits until the current articles of <paramref name="language"/> have their vectors, so that searches in it are
    /// ranked by meaning; for tests, the evaluation and the benchmarks. Fails when the language has no generator.
    /// </summary>
    internal async Task WaitForVectorsAsync(string language, CancellationToken cancellationToken = default)
    {
        var vectors = Semantic.For(language) ?? throw new InvalidOperationException($"No embedding generator is registered for '{language}'.");
        while (true)
        {
            var next = vectors.NextPublished;
            var snapshot = await AcquireSnapshotAsync(cancellationToken);
            try
            {
                if (snapshot.Languages.TryGetValue(language, out var index) && Semantic.Ready(index) is not null)
                {
                    return;
                }
            }
            finally
            {
                snapshot.Release();
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    public async Task EnsureIndexAsync(CancellationToken cancellationToken = default) => (await AcquireSnapshotAsync(cancellationToken)).Release();

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = await AcquireSnapshotAsync(cancellationToken);
        try
        {
            return await MeasuredSearchAsync(snapshot, request, cancellationToken);
        }
        finally
        {
            snapshot.Release();
        }
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

    private async Task<SearchResults> MeasuredSearchAsync(IndexSnapshot snapshot, SearchRequest request, CancellationToken cancellationToken)
    {
        using var activity = LuceneTelemetry.Source.StartActivity("helpwidget.lucene.search");
        var language = LuceneTelemetry.Language(request.Language);
        activity?.SetTag(language.Key, language.Value);
        var started = _time.GetTimestamp();
        var results = await SearchAsync(snapshot, request, cancellationToken);
        var outcome = new KeyValuePair<string, object?>("helpwidget.outcome", results.Hits.Count > 0 ? "hits" : "zero_results");
        LuceneTelemetry.SearchDuration.Record(_time.GetElapsedTime(started).TotalSeconds, language, outcome);
        LuceneTelemetry.Searches.Add(1, language);
        if (results.Hits.Count == 0)
        {
            LuceneTelemetry.ZeroResults.Add(1, language);
        }

        activity?.SetTag("helpwidget.search.result_count", results.Hits.Count);
        return results;
    }

    private async ValueTask<SearchResults> SearchAsync(IndexSnapshot snapshot, SearchRequest request, CancellationToken cancellationToken)
    {
        var settings = _options;
        var max = Math.Clamp(request.MaxResults, 1, SearchRequest.MaxResultsLimit);
        if (request.Area is not null)
        {
            // Areas: LuceneKnowledgeProvider.Areas.cs.
            return SearchArea(snapshot, request, max);
        }

        var order = snapshot.SearchOrder(request.Language, settings.DefaultLanguage).ToList();
        var refinable = false;
        foreach (var index in order)
        {
            var query = QueryText.Parse(request.Query ?? string.Empty, index, settings.MaxQueryLength);
            if (query.IsEmpty)
            {
                return SearchResults.Empty;
            }

            var layer = Semantic.For(index.Language);
            refinable |= request.AsYouType && layer is not null;
            var hits = request.AsYouType || layer is not { } vectors
                ? Search(index, query, request, max)
                : await HybridSearchAsync(index, vectors, query, request, max, cancellationToken);
            if (hits.Count > 0)
            {
                return new SearchResults { Hits = hits, Refinable = refinable };
            }
        }

        // A question that shares no word with its article finds nothing by words: the meaning-aware ranking may.
        return new SearchResults { DidYouMean = order.Count > 0 ? DidYouMean(order[0], request, _options.MaxQueryLength) : null, Refinable = refinable };
    }

    private SearchResults Suggest(IndexSnapshot snapshot, SearchRequest request)
    {
        var index = snapshot.SearchOrder(request.Language, _options.DefaultLanguage).FirstOrDefault();
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

        var defaultLanguage = _options.DefaultLanguage;
        var language = Language(request.Language) ?? defaultLanguage;
        var article = snapshot.Find(id, language) ?? snapshot.Find(id, defaultLanguage) ?? snapshot.FindAny(id);
        return article is not null && article.IsVisibleTo(request.User) ? article : null;
    }

    public void Dispose()
    {
        _source.ArticlesChanged -= OnArticlesChanged;
        Signals.LearnedChanged -= OnArticlesChanged;
        _disposed = true;
        _compactTimer.Dispose();
        Semantic.Dispose();
        if (_buildLock.Wait(0))
        {
            try
            {
                CloseIndexes();
            }
            finally
            {
                _buildLock.Release();
            }
        }

        // Otherwise the build in progress closes the indexes when it ends. The semaphore is not disposed, so that
        // it can end: without a wait handle it holds nothing to release.
    }

    /// <summary>Releases the current snapshot and the writers; searches still running finish on what they hold.</summary>
    private void CloseIndexes()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _snapshot?.Release();
        _snapshot = null;
        foreach (var writer in _writers.Values)
        {
            writer.Release();
        }

        _writers.Clear();
        _synonyms.Dispose();
    }

    private void OnArticlesChanged(object? sender, EventArgs e)
    {
        lock (_reloadLock)
        {
            _reloadPending = true;
            StartReloadUnderLock();
        }
    }

    /// <summary>The articles stayed unchanged for <see cref="CompactAfter"/>: merge what the changes left behind.</summary>
    private void OnQuiet()
    {
        lock (_reloadLock)
        {
            _compactPending = true;
            StartReloadUnderLock();
        }
    }

    /// <summary>
    /// Starts the reload loop unless it runs. A flag set by the loop under the lock, rather than the loop's task being
    /// complete, decides: a request made after the loop found nothing pending, but before its task completed, would
    /// otherwise wait for the next change.
    /// </summary>
    private void StartReloadUnderLock()
    {
        if (!_reloadRunning)
        {
            _reloadRunning = true;
            _ = Task.Run(RunReloadsAsync);
        }
    }

    private async Task RunReloadsAsync()
    {
        try
        {
            await ReloadAsync();
        }
        catch (Exception ex)
        {
            // An unexpected failure ends this loop; the next change starts a new one.
            lock (_reloadLock)
            {
                _reloadRunning = false;
            }

            Log.ReloadFailed(_logger, ex);
        }
    }

    /// <summary>
    /// Reloads until no change is pending; a change during a reload causes one more. A merge after a quiet period
    /// runs here too, so it never overlaps a reload; a change that comes meanwhile waits for it.
    /// </summary>
    private async Task ReloadAsync()
    {
        while (true)
        {
            TaskCompletionSource reloaded;
            bool compactOnly;
            lock (_reloadLock)
            {
                if (!_reloadPending && !_compactPending)
                {
                    _reloadRunning = false;
                    return;
                }

                compactOnly = !_reloadPending;
                _reloadPending = false;
                _compactPending = false;
                reloaded = _reloaded;
                _reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            await _buildLock.WaitAsync();
            try
            {
                if (!_disposed && compactOnly)
                {
                    Compact();
                }
                else if (!_disposed)
                {
                    var replaced = _snapshot;
                    _snapshot = await BuildSnapshotAsync(CancellationToken.None);

                    // Closed when the last search still using it is done.
                    replaced?.Release();
                    if (_changedSinceCompaction)
                    {
                        _compactTimer.Change(CompactAfter, Timeout.InfiniteTimeSpan);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                Log.ReloadFailed(_logger, ex);
            }
            finally
            {
                if (_disposed)
                {
                    CloseIndexes();
                }

                _buildLock.Release();
                reloaded.TrySetResult();
            }
        }
    }

    /// <summary>Merges each language's index into one segment where changes left several, and swaps in readers of the result.</summary>
    private void Compact()
    {
        if (_snapshot is not { } current)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var languages = new Dictionary<string, LanguageIndex>(StringComparer.OrdinalIgnoreCase);
        var merged = 0;
        foreach (var (language, index) in current.Languages)
        {
            var compacted = false;
            try
            {
                compacted = _writers.TryGetValue(language, out var writer) && writer.Compact();
                languages[language] = compacted ? writer!.Open(index.Synonyms) : index.Acquire();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // The index as it was still answers correctly, only slower.
                Log.CompactFailed(_logger, language, ex);
                languages[language] = index.Acquire();
            }

            merged += compacted ? 1 : 0;
        }

        _changedSinceCompaction = false;
        if (merged == 0)
        {
            foreach (var index in languages.Values)
            {
                index.Release();
            }

            return;
        }

        _snapshot = current.With(languages);
        current.Release();
        Log.Compacted(_logger, merged, stopwatch.ElapsedMilliseconds);
    }

    /// <summary>
    /// The next snapshot: each language's index gets only the articles that differ, a language whose articles and
    /// synonyms are unchanged keeps its index as it is, and a language that appeared is built.
    /// </summary>
    private async Task<IndexSnapshot> BuildSnapshotAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var articles = await _source.LoadArticlesAsync(cancellationToken);
        await Signals.EnsureLoadedAsync();
        var signals = Signals.Current;
        var languages = new Dictionary<string, LanguageIndex>(StringComparer.OrdinalIgnoreCase);
        var changes = default(IndexChanges);
        try
        {
            foreach (var group in articles.GroupBy(a => a.Language, StringComparer.OrdinalIgnoreCase))
            {
                languages[group.Key] = UpdateLanguage(group.Key, [.. group], signals, ref changes);
            }
        }
        catch
        {
            foreach (var index in languages.Values)
            {
                index.Release();
            }

            throw;
        }

        foreach (var gone in _writers.Keys.Where(language => !languages.ContainsKey(language)).ToList())
        {
            // Closed when the last snapshot using its index is released.
            _writers.Remove(gone, out var writer);
            writer!.Release();
        }

        _changedSinceCompaction |= changes.Total > 0;
        if (_snapshot is null)
        {
            Log.Indexed(_logger, articles.Count, languages.Count, stopwatch.ElapsedMilliseconds);
        }
        else
        {
            Log.Updated(_logger, changes.Added, changes.Changed, changes.Removed, stopwatch.ElapsedMilliseconds);
        }

        var snapshot = new IndexSnapshot(languages, articles);
        Semantic.Update(snapshot);
        return snapshot;
    }

    /// <summary>The language's index with <paramref name="articles"/>, updated in place, or built anew when the update fails.</summary>
    private LanguageIndex UpdateLanguage(string language, List<HelpArticle> articles, IReadOnlyDictionary<string, ArticleSignals> signals, ref IndexChanges changes)
    {
        var synonyms = _synonyms.Load(language);
        if (_writers.TryGetValue(language, out var writer))
        {
            try
            {
                changes += writer.Apply(articles, signals);
                return _snapshot?.Languages.GetValueOrDefault(language) is { } current && writer.IsCurrent(current) && current.Synonyms == synonyms
                    ? current.Acquire()
                    : writer.Open(synonyms);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                Log.UpdateFailed(_logger, language, ex);
                _writers.Remove(language);
                writer.Release();
            }
        }

        writer = LanguageIndexWriter.Create(language, SearchTuning.Default, IndexFolder(), _logger);
        try
        {
            changes += writer.Apply(articles, signals);
            var index = writer.Open(synonyms);
            _writers[language] = writer;
            return index;
        }
        catch
        {
            writer.Release();
            throw;
        }
    }

    private List<ArticleHit> Search(LanguageIndex index, QueryText query, SearchRequest request, int max)
    {
        var signals = Signals.Current;
        var candidates = index.Search(QueryBuilder.Build(index, query), request.User, max * Ranking.CandidatesPerResult);
        return [.. candidates.ScoreDocs
            .Select(d => (d.Doc, Score: d.Score * Ranking.Factor(index.Article(d.Doc), request.Context, signals)))
            .OrderByDescending(c => c.Score)
            .Take(max)
            .Select(c => Hit(index.Article(c.Doc), c.Score, index.Snippet(c.Doc, query)))];
    }

    /// <summary>
    /// Ranks by meaning and words when the language's vectors are ready and the query's vector comes in time; otherwise
    /// by words alone (counted as a fallback).
    /// </summary>
    private async ValueTask<List<ArticleHit>> HybridSearchAsync(LanguageIndex index, LanguageVectors vectors, QueryText query, SearchRequest request, int max, CancellationToken cancellationToken)
    {
        var language = LuceneTelemetry.Language(index.Language);
        if (Semantic.Ready(index) is not { } dense)
        {
            LuceneTelemetry.SemanticFallbacks.Add(1, language, new("helpwidget.reason", "not_ready"));
            return Search(index, query, request, max);
        }

        // The query's vector is computed on another thread (unless cached) while this one finds the word matches: on
        // a machine with two cores or more, the Lucene part costs no time of its own.
        var embedding = Semantic.QueryVectorAsync(vectors, query.Text, cancellationToken);
        var lexical = index.Search(QueryBuilder.Build(index, query), request.User, HybridRanking.Candidates);
        if (await embedding is not { } vector || vector.Length != dense.Dimensions)
        {
            return Search(index, query, request, max);
        }

        LuceneTelemetry.SemanticSearches.Add(1, language);
        var signals = Signals.Current;
        var semantic = Semantic.Options;
        var fused = HybridRanking.Fuse(
            [.. lexical.ScoreDocs.Select(d => (index.Article(d.Doc), d.Doc, d.Score))],
            dense.Nearest(vector, request.User, HybridRanking.Candidates),
            dense,
            vector,
            semantic.Weight,
            semantic.MinSimilarity);
        return [.. fused
            .Select(c => (c.Article, c.Document, Score: c.Score * Ranking.Factor(c.Article, request.Context, signals)))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Article.Id, StringComparer.Ordinal)
            .Take(max)
            .Select(c => Hit(c.Article, c.Score, c.Document >= 0 ? index.Snippet(c.Document, query) : SnippetBuilder.Build(c.Article.Text, SnippetBuilder.Scan(c.Article.Text), query)))];
    }

    private static ArticleHit Hit(HelpArticle article, double score, string snippet) => new()
    {
        Id = article.Id,
        Language = article.Language,
        Title = article.Title,
        Summary = article.Summary,
        SnippetHtml = snippet,
        Score = score,
        Area = article.Area,
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
        var top = index.Search(query, user, max);
        return [.. top.ScoreDocs.Select(d => Hit(index.Article(d.Doc), d.Score, string.Empty))];
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

    internal static string? Language(string? tag) => Language(tag, CultureInfo.GetCultureInfo);

    internal static string? Language(string? tag, Func<string, CultureInfo> lookup)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        try
        {
            var culture = lookup(tag.Trim());
            if (culture.Name.Length > 0 && culture.TwoLetterISOLanguageName == "iv")
            {
                // Invariant mode with predefined cultures turned off: the culture has the tag's name but the invariant
                // culture's data, so only the tag names the language.
                return PrimarySubtag(tag);
            }

            return culture.TwoLetterISOLanguageName is { Length: 2 } two && two != "iv" ? two : null;
        }
        catch (CultureNotFoundException)
        {
            // Globalization-invariant processes (DOTNET_SYSTEM_GLOBALIZATION_INVARIANT, as in many container images) know no
            // culture but the invariant one: the tag's own primary subtag still names the language.
            return PrimarySubtag(tag);
        }
    }

    /// <summary>The two-letter primary subtag of a language tag (<c>sv</c> of <c>sv-SE</c>), lower-cased; <see langword="null"/> for anything else.</summary>
    internal static string? PrimarySubtag(string tag)
    {
        var primary = tag.Trim().Split('-', '_')[0];
        return primary.Length == 2 && primary.All(char.IsAsciiLetter) ? primary.ToLowerInvariant() : null;
    }

    /// <summary>A new folder for a language's index when it is kept on disk; <see langword="null"/> in memory.</summary>
    private string? IndexFolder()
    {
        if (_options.IndexPath is not { Length: > 0 } configured)
        {
            return null;
        }

        var root = Path.GetFullPath(Path.Combine(_environment?.ContentRootPath ?? AppContext.BaseDirectory, configured));
        if (Interlocked.Increment(ref _generation) == 1 && Directory.Exists(root))
        {
            // Indexes of an earlier run: the index is always built from the articles at start.
            foreach (var stale in Directory.EnumerateDirectories(root, GenerationPrefix + "*"))
            {
                LanguageIndexWriter.DeleteFolder(stale);
            }
        }

        return Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"{GenerationPrefix}{_generation:D6}-{Environment.ProcessId}"));
    }

    /// <summary>The folder of the synonym files; <see langword="null"/> when the options name none.</summary>
    private string? SynonymFolder() => ContentPath(_options.SynonymsPath);

    /// <summary>A configured folder, relative to the content root; <see langword="null"/> when none is configured.</summary>
    private string? ContentPath(string? configured) =>
        configured is { Length: > 0 }
            ? Path.GetFullPath(Path.Combine(_environment?.ContentRootPath ?? AppContext.BaseDirectory, configured))
            : null;

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

    /// <summary>
    /// Takes the build lock: at once when no build runs, else when the build in progress (the one started with the app,
    /// usually) ends, for at most <see cref="LuceneSearchOptions.IndexWaitTimeout"/>.
    /// </summary>
    private async Task WaitForBuildAsync(CancellationToken cancellationToken)
    {
        if (_buildLock.Wait(0, CancellationToken.None))
        {
            return;
        }

        var timeout = _options.IndexWaitTimeout;
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await _buildLock.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The search index was still being built after {timeout}; searches wait at most IndexWaitTimeout for it.");
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

            ObjectDisposedException.ThrowIf(_disposed, this);
            await WaitForBuildAsync(cancellationToken);
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _snapshot ??= await BuildSnapshotAsync(cancellationToken);
            }
            finally
            {
                if (_disposed)
                {
                    CloseIndexes();
                }

                _buildLock.Release();
            }
        }
    }
}
