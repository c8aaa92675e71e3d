using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Lucene.Semantic;

/// <summary>
/// The engine's meaning-aware layer: for each language with an embedding generator, the articles' vectors (computed
/// in the background) and the vectors of queries (cached; waited for at most <see cref="SemanticSearchOptions.QueryTimeout"/>).
/// A language without a generator, or whose vectors are not ready, is searched by word matching alone.
/// </summary>
internal sealed class SemanticLayer : IDisposable
{
    internal static readonly EmbeddingGenerationOptions QueryOptions = new() { AdditionalProperties = new() { ["input_type"] = "query" } };
    internal static readonly EmbeddingGenerationOptions DocumentOptions = new() { AdditionalProperties = new() { ["input_type"] = "document" } };

    private readonly EmbeddingGenerators _generators;
    private readonly SemanticSearchOptions _options;
    private readonly string? _cacheFolder;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, LanguageVectors?> _languages = new(StringComparer.OrdinalIgnoreCase);
    private volatile bool _disposed;

    public SemanticLayer(EmbeddingGenerators generators, SemanticSearchOptions options, string? cacheFolder, ILogger logger, TimeProvider time)
    {
        _generators = generators;
        _options = options;
        _cacheFolder = cacheFolder;
        _logger = logger;
        _time = time;
    }

    public SemanticSearchOptions Options => _options;

    /// <summary>Asks for the vectors of each language's articles in <paramref name="snapshot"/>; returns at once.</summary>
    public void Update(IndexSnapshot snapshot)
    {
        if (_disposed)
        {
            return;
        }

        foreach (var (language, index) in snapshot.Languages)
        {
            For(language)?.Want(index.IndexedArticles);
        }
    }

    /// <summary>The language's vectors; <see langword="null"/> when it has no generator.</summary>
    public LanguageVectors? For(string language) =>
        _languages.GetOrAdd(language, static (key, layer) => layer._generators.For(key) is { } generator
            ? new LanguageVectors(key, generator, layer._options, layer._cacheFolder, layer._logger)
            : null, this);

    /// <summary>The dense index of exactly the articles of <paramref name="index"/>; <see langword="null"/> until it is ready.</summary>
    public DenseIndex? Ready(LanguageIndex index) =>
        For(index.Language)?.Current is { } dense && ReferenceEquals(dense.For, index.IndexedArticles) ? dense : null;

    /// <summary>
    /// The query's vector, from the cache or the generator; <see langword="null"/> when the generator fails or takes longer
    /// than <see cref="SemanticSearchOptions.QueryTimeout"/> (logged and counted). A late answer still fills the cache.
    /// </summary>
    public async ValueTask<float[]?> QueryVectorAsync(LanguageVectors vectors, string text, CancellationToken cancellationToken)
    {
        var key = Normalise(text);
        if (key.Length == 0)
        {
            return null;
        }

        if (vectors.Queries.TryGet(key, out var cached))
        {
            return cached;
        }

        var language = LuceneTelemetry.Language(vectors.Language);
        // On the thread pool: a local model computes on the caller's thread before its task completes, and the
        // timeout can only be kept if the search is not that thread.
        var embedding = Task.Run(() => EmbedQueryAsync(vectors, key), CancellationToken.None);
        try
        {
            return await embedding.WaitAsync(_options.QueryTimeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            Log.QueryEmbeddingTimedOut(_logger, vectors.Language, _options.QueryTimeout.TotalMilliseconds);
            LuceneTelemetry.SemanticFallbacks.Add(1, language, new("helpwidget.reason", "timeout"));
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.QueryEmbeddingFailed(_logger, vectors.Language, ex);
            LuceneTelemetry.SemanticFallbacks.Add(1, language, new("helpwidget.reason", "error"));
            return null;
        }
    }

    /// <summary>Embeds a query and caches its vector; runs to its end even when the search stopped waiting for it.</summary>
    private static async Task<float[]?> EmbedQueryAsync(LanguageVectors vectors, string key)
    {
        var embeddings = await vectors.Generator.GenerateAsync([key], QueryOptions, CancellationToken.None);
        var vector = embeddings.Count == 1 ? Vectors.Normalised(embeddings[0].Vector.Span) : null;
        if (vector is null)
        {
            throw new InvalidOperationException("The embedding generator returned no usable vector for the query.");
        }

        vectors.Queries.Add(key, vector);
        return vector;
    }

    /// <summary>The query as given to the model and as the cache's key: single spaces, trimmed.</summary>
    internal static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public void Dispose()
    {
        _disposed = true;
        foreach (var vectors in _languages.Values)
        {
            vectors?.Dispose();
        }
    }
}
