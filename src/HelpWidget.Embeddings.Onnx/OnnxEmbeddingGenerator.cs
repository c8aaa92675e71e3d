using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpWidget.Embeddings.Onnx;

/// <summary>
/// Embeds English text with a local model (snowflake-arctic-embed-xs by default, or all-MiniLM-L6-v2) run by ONNX
/// Runtime on the CPU. Vectors have 384 dimensions and a length of 1, so their dot product is their cosine.
/// </summary>
/// <remarks>
/// <para>
/// The model is loaded on the first call (about a second, and about half a gigabyte of memory), not when the generator
/// is created. The work of a call runs on the calling thread; the returned task is already complete, so a caller that
/// must not block (a UI thread) starts the call on the thread pool. Cancelling the token stops the model between
/// operators.
/// </para>
/// <para>
/// A text whose <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> hold <c>input_type</c> = <c>"query"</c>
/// is embedded as a search query (with the model's query prefix, see <see cref="OnnxEmbeddingOptions.QueryPrefix"/>);
/// anything else as a document. Texts longer than <see cref="OnnxEmbeddingOptions.MaxTokens"/> tokens are cut.
/// </para>
/// <para>This type is thread-safe: concurrent calls share one model.</para>
/// </remarks>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, IDisposable
{
    /// <summary>The <see cref="EmbeddingGeneratorMetadata.ProviderName"/> of every generator of this package.</summary>
    public const string ProviderName = "HelpWidget.Embeddings.Onnx";

    /// <summary>The key in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> that tells queries from documents.</summary>
    public const string InputTypeKey = "input_type";

    /// <summary>The <see cref="InputTypeKey"/> value of a search query.</summary>
    public const string QueryInputType = "query";

    private readonly OnnxEmbeddingOptions _options;
    private readonly ModelDescriptor _model;
    private readonly string _queryPrefix;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<OnnxModelSession> _session;
    private volatile bool _disposed;

    /// <summary>Creates a generator; the model is loaded on first use.</summary>
    /// <param name="options">The model, the token cap and the threads; <see langword="null"/> for the defaults.</param>
    /// <param name="logger">Where the model load is logged; <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock of <see cref="Embedding.CreatedAt"/> and of the logged durations; <see langword="null"/> for the system clock.</param>
    /// <exception cref="OptionsValidationException">The options are invalid, or the chosen model's package is missing.</exception>
    public OnnxEmbeddingGenerator(OnnxEmbeddingOptions? options = null, ILogger<OnnxEmbeddingGenerator>? logger = null, TimeProvider? timeProvider = null)
    {
        options ??= new OnnxEmbeddingOptions();
        var validation = new OnnxEmbeddingOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(OnnxEmbeddingOptions), validation.Failures);
        }

        _options = new OnnxEmbeddingOptions
        {
            Model = options.Model,
            MaxTokens = options.MaxTokens,
            IntraOpThreads = options.IntraOpThreads,
            InterOpThreads = options.InterOpThreads,
            MaxBatchSize = options.MaxBatchSize,
            QueryPrefix = options.QueryPrefix,
        };
        _model = ModelDescriptor.For(_options.Model);
        _queryPrefix = _options.QueryPrefix ?? _model.QueryPrefix;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;

        // The model id says what changes the vectors, so a cache keyed by it never mixes vectors of different settings.
        var modelId = _options.MaxTokens == 256 ? _model.ModelId : $"{_model.ModelId};max-tokens={_options.MaxTokens}";
        Metadata = new EmbeddingGeneratorMetadata(ProviderName, null, modelId, ModelDescriptor.Dimensions);
        _session = new Lazy<OnnxModelSession>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the provider name, the model id (such as <c>snowflake-arctic-embed-xs</c>) and the dimensions (384).</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>Gets whether the model has been loaded (by a first call).</summary>
    public bool IsLoaded => _session.IsValueCreated;

    /// <summary>Embeds each of <paramref name="values"/>, in order.</summary>
    /// <param name="values">The texts; empty ones are allowed (they embed as an empty text).</param>
    /// <param name="options">
    /// <c>AdditionalProperties["input_type"] = "query"</c> for search queries; <see cref="EmbeddingGenerationOptions.Dimensions"/>
    /// may only be <see langword="null"/> or 384.
    /// </param>
    /// <param name="cancellationToken">Stops the work between batches and inside the model.</param>
    /// <returns>One normalised 384-dimension vector per text, with the number of tokens read as its usage.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> holds <see langword="null"/>, or other dimensions are asked for.</exception>
    /// <exception cref="ObjectDisposedException">The generator has been disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } dimensions && dimensions != ModelDescriptor.Dimensions)
        {
            throw new ArgumentException($"The model gives {ModelDescriptor.Dimensions} dimensions; {dimensions} were asked for.", nameof(options));
        }

        var texts = values.ToList();
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"The text at position {i} is null.", nameof(values));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var session = _session.Value;
        var prefix = IsQuery(options) ? _queryPrefix : string.Empty;

        var started = _timeProvider.GetTimestamp();
        var tokens = new List<int>[texts.Count];
        var tokenCount = 0L;
        for (var i = 0; i < texts.Count; i++)
        {
            tokens[i] = session.Tokenizer.Encode(prefix, texts[i], _options.MaxTokens);
            tokenCount += tokens[i].Count;
        }

        var vectors = new float[texts.Count][];
        foreach (var batch in Batches(tokens, _options.MaxBatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_disposed, this);
            var batchTokens = batch.Select(i => tokens[i]).ToList();
            var batchVectors = session.Embed(batchTokens, cancellationToken);
            for (var j = 0; j < batch.Count; j++)
            {
                vectors[batch[j]] = batchVectors[j];
            }
        }

        Log.Embedded(_logger, texts.Count, tokenCount, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
        var createdAt = _timeProvider.GetUtcNow();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count)
        {
            Usage = new UsageDetails { InputTokenCount = tokenCount, TotalTokenCount = tokenCount },
        };
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = Metadata.DefaultModelId, CreatedAt = createdAt });
        }

        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Releases the model. Calls after this throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        if (_session.IsValueCreated)
        {
            _session.Value.Dispose();
        }
    }

    /// <summary>Whether the options mark the text as a search query.</summary>
    internal static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties is { } properties
        && properties.TryGetValue(InputTypeKey, out var value)
        && string.Equals(value?.ToString(), QueryInputType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The token lists of a call, as the model will see them (for tests).</summary>
    internal List<int> Tokenize(string text, bool query) =>
        _session.Value.Tokenizer.Encode(query ? _queryPrefix : string.Empty, text, _options.MaxTokens);

    internal WordPieceTokenizer Tokenizer => _session.Value.Tokenizer;

    // Texts of similar length go together, so short queries are not padded to the length of a long article.
    private static IEnumerable<List<int>> Batches(List<int>[] tokens, int size)
    {
        var order = Enumerable.Range(0, tokens.Length).OrderBy(i => tokens[i].Count).ToList();
        for (var start = 0; start < order.Count; start += size)
        {
            yield return order.GetRange(start, Math.Min(size, order.Count - start));
        }
    }

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The session is owned by the generator and disposed with it.")]
    private OnnxModelSession Load()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var started = _timeProvider.GetTimestamp();
        var session = OnnxModelSession.Create(_model, _options.IntraOpThreads, _options.InterOpThreads);
        Log.ModelLoaded(_logger, _model.ModelId, _timeProvider.GetElapsedTime(started).TotalMilliseconds, _options.IntraOpThreads, _options.InterOpThreads);
        return session;
    }
}
