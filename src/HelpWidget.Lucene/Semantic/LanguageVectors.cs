using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Lucene.Semantic;

/// <summary>
/// The vectors of one language's articles: computed in the background by the language's generator, a few batches at a
/// time, kept by content hash (in memory, and in a file when a cache folder is set), and published as a
/// <see cref="DenseIndex"/> once every article of the wanted set has one. A newer set replaces a wanted one that is not
/// done; vectors already computed for it are kept, so only what changed is embedded.
/// </summary>
internal sealed class LanguageVectors : IDisposable
{
    /// <summary>Articles per call to the generator.</summary>
    public const int BatchSize = 16;

    /// <summary>
    /// The characters of an article given to the model: title, summary and the start of the text. Models read a few
    /// hundred tokens (the local model 256); more text only costs tokenisation.
    /// </summary>
    public const int MaxDocumentCharacters = 2000;

    /// <summary>New vectors after which the cache file is written during a long first pass, so a restart keeps them.</summary>
    private const int SaveEvery = 512;

    private static readonly ConditionalWeakTable<HelpArticle, string> s_hashes = [];

    private readonly SemanticSearchOptions _options;
    private readonly string? _cacheFile;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, HelpArticle>? _wanted;
    private bool _running;
    private bool _loaded;
    private volatile DenseIndex? _current;
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LanguageVectors(string language, IEmbeddingGenerator<string, Embedding<float>> generator, SemanticSearchOptions options, string? cacheFolder, ILogger logger)
    {
        Language = language;
        Generator = generator;
        _options = options;
        _logger = logger;
        Identity = IdentityOf(generator);
        Queries = new QueryVectorCache(options.QueryCacheSize);
        _cacheFile = cacheFolder is null || !LanguageIndexWriter.IsPlainTag(language)
            ? null
            : Path.Combine(cacheFolder, FolderName(Identity), language + ".vec");
    }

    public string Language { get; }

    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; }

    /// <summary>Gets the model's identity: provider, model and dimensions from the generator's metadata.</summary>
    public string Identity { get; }

    public QueryVectorCache Queries { get; }

    /// <summary>Gets the vectors of the last set whose every article has one; <see langword="null"/> before the first.</summary>
    public DenseIndex? Current => _current;

    /// <summary>Gets how many articles were embedded by the generator (not found in the cache) since start.</summary>
    public int Embedded => _embedded;

    private int _embedded;

    /// <summary>Gets the error that ended the last pass, until a pass publishes; <see langword="null"/> when none failed.</summary>
    public Exception? LastFailure => _lastFailure;

    private volatile Exception? _lastFailure;

    /// <summary>How many of <paramref name="articles"/> have their vector held already (computed or read from the cache).</summary>
    public int ReadyCount(IReadOnlyDictionary<string, HelpArticle> articles)
    {
        if (_current is { } current && ReferenceEquals(current.For, articles))
        {
            return articles.Count;
        }

        var hashes = articles.Values.Select(HashOf).ToList();
        lock (_lock)
        {
            return hashes.Count(_vectors.ContainsKey);
        }
    }

    /// <summary>Gets a task that completes when the next dense index is published.</summary>
    public Task NextPublished
    {
        get
        {
            lock (_lock)
            {
                return _published.Task;
            }
        }
    }

    /// <summary>Asks for the vectors of <paramref name="articles"/>; returns at once, the work runs in the background.</summary>
    public void Want(IReadOnlyDictionary<string, HelpArticle> articles)
    {
        lock (_lock)
        {
            if (_current is { } current && ReferenceEquals(current.For, articles))
            {
                return;
            }

            _wanted = articles;
            if (!_running && !_stopping.IsCancellationRequested)
            {
                _running = true;
                _ = Task.Run(RunAsync);
            }
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            IReadOnlyDictionary<string, HelpArticle> wanted;
            lock (_lock)
            {
                if (_wanted is null || _stopping.IsCancellationRequested)
                {
                    _running = false;
                    return;
                }

                wanted = _wanted;
                _wanted = null;
            }

            try
            {
                await ComputeAsync(wanted, _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                lock (_lock)
                {
                    _running = false;
                }

                return;
            }
            catch (Exception ex)
            {
                // Search goes on by word matching; the next change of the articles tries again.
                _lastFailure = ex;
                Log.ArticleEmbeddingFailed(_logger, Language, ex);
                LuceneTelemetry.SemanticFallbacks.Add(1, LuceneTelemetry.Language(Language), new("helpwidget.reason", "embedding_failed"));
            }
        }
    }

    private async Task ComputeAsync(IReadOnlyDictionary<string, HelpArticle> wanted, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var rows = wanted.Values.Select(article => (Article: article, Hash: HashOf(article))).ToList();
        List<(string Hash, string Text)> missing;
        lock (_lock)
        {
            if (!_loaded)
            {
                _loaded = true;
                LoadCacheUnderLock();
            }

            missing = [.. rows.Where(r => !_vectors.ContainsKey(r.Hash)).DistinctBy(r => r.Hash).Select(r => (r.Hash, DocumentText(r.Article)))];
        }

        var cached = rows.Count - missing.Count;
        if (missing.Count > 0)
        {
            var sinceSave = 0;
            var batches = missing.Chunk(BatchSize);
            await Parallel.ForEachAsync(
                batches,
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelism, CancellationToken = cancellationToken },
                async (batch, token) =>
                {
                    var vectors = await EmbedAsync(batch.Select(b => b.Text), token);
                    var save = false;
                    lock (_lock)
                    {
                        for (var i = 0; i < batch.Length; i++)
                        {
                            _vectors[batch[i].Hash] = vectors[i];
                        }

                        sinceSave += batch.Length;
                        if (sinceSave >= SaveEvery)
                        {
                            sinceSave = 0;
                            save = true;
                        }
                    }

                    Interlocked.Add(ref _embedded, batch.Length);
                    LuceneTelemetry.ArticlesEmbedded.Add(batch.Length, LuceneTelemetry.Language(Language));
                    if (save)
                    {
                        Save(null);
                    }
                });
        }

        if (missing.Count > 0)
        {
            // Before the vectors are published: whoever waits for them may stop the app next.
            Save(rows.Select(r => r.Hash).ToHashSet(StringComparer.Ordinal));
        }

        lock (_lock)
        {
            _current = new DenseIndex(wanted, [.. rows.Select(r => (r.Article, _vectors[r.Hash]))]);
            _lastFailure = null;
            _published.TrySetResult();
            _published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Log.VectorsReady(_logger, Language, rows.Count, missing.Count, cached, stopwatch.ElapsedMilliseconds);
    }

    /// <summary>The vectors of <paramref name="texts"/> as documents, L2-normalised; throws when the generator answers badly.</summary>
    private async Task<float[][]> EmbedAsync(IEnumerable<string> texts, CancellationToken cancellationToken)
    {
        var inputs = texts.ToList();
        var embeddings = await Generator.GenerateAsync(inputs, SemanticLayer.DocumentOptions, cancellationToken);
        if (embeddings.Count != inputs.Count)
        {
            throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} vectors for {inputs.Count} articles.");
        }

        var vectors = new float[inputs.Count][];
        for (var i = 0; i < inputs.Count; i++)
        {
            vectors[i] = Vectors.Normalised(embeddings[i].Vector.Span)
                ?? throw new InvalidOperationException("The embedding generator returned an empty or zero vector.");
        }

        if (vectors.Any(v => v.Length != vectors[0].Length) || (_current is { Dimensions: > 0 } current && current.Dimensions != vectors[0].Length))
        {
            throw new InvalidOperationException("The embedding generator returned vectors of different lengths.");
        }

        return vectors;
    }

    /// <summary>Writes the cache file: the vectors of <paramref name="keep"/> only, or all held when it is <see langword="null"/>.</summary>
    private void Save(HashSet<string>? keep)
    {
        if (_cacheFile is null)
        {
            return;
        }

        try
        {
            List<KeyValuePair<string, float[]>> rows;
            lock (_lock)
            {
                if (keep is not null)
                {
                    // What no current article has any more: a changed article's old vector, a deleted one's.
                    foreach (var stale in _vectors.Keys.Where(hash => !keep.Contains(hash)).ToList())
                    {
                        _vectors.Remove(stale);
                    }
                }

                rows = [.. _vectors];
            }

            VectorCacheFile.Write(_cacheFile, rows);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The vectors stay in memory; a restart computes them again.
            Log.VectorCacheWriteFailed(_logger, Language, ex);
        }
    }

    private void LoadCacheUnderLock()
    {
        if (_cacheFile is null)
        {
            return;
        }

        var stored = VectorCacheFile.Read(_cacheFile, out var damaged);
        foreach (var (hash, vector) in stored)
        {
            _vectors[hash] = vector;
        }

        if (damaged)
        {
            Log.VectorCacheUnreadable(_logger, Language);
        }
    }

    /// <summary>The text of an article given to the model.</summary>
    internal static string DocumentText(HelpArticle article)
    {
        var text = string.Join('\n', new[] { article.Title, article.Summary, article.Text }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return text.Length <= MaxDocumentCharacters ? text : text[..MaxDocumentCharacters];
    }

    /// <summary>The SHA-256 of what the model reads of the article, memoised per article object.</summary>
    internal static string HashOf(HelpArticle article) =>
        s_hashes.GetValue(article, static a => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(DocumentText(a)))));

    internal static string IdentityOf(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var metadata = generator.GetService(typeof(EmbeddingGeneratorMetadata)) as EmbeddingGeneratorMetadata;
        return metadata is null
            ? generator.GetType().FullName ?? "unknown"
            : $"{metadata.ProviderName}|{metadata.DefaultModelId}|{metadata.DefaultModelDimensions}";
    }

    /// <summary>A folder name for a model: its readable name and a hash of the whole identity, never a path.</summary>
    private static string FolderName(string identity)
    {
        var readable = new string([.. identity.Split('|').ElementAtOrDefault(1)?.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.').Take(40) ?? []]);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16].ToLowerInvariant();
        return readable.Trim('.').Length > 0 ? $"{readable.Trim('.')}-{hash}" : hash;
    }

    public void Dispose()
    {
        // Not disposed: a pass still running reads its token; a source without a timer holds nothing to release.
        _stopping.Cancel();
    }
}
