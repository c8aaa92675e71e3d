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
/// The model is loaded on the first call (0.5 to 1.5 s on a busy 2-core machine, and about 300 MB of memory), not
/// when the generator is created. The work of a call runs on the calling thread; the returned task is already complete, so a caller that
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

    /// <summary>The most tokens, padding included, one model run takes when it holds more than one text.</summary>
    internal const int BatchTokenBudget = 512;

    private readonly OnnxEmbeddingOptions _options;
    private readonly ModelDescriptor _model;
    private readonly string _queryPrefix;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<OnnxModelSession> _session;
    private readonly Lazy<OnnxModelSession> _querySession;
    private readonly Lock _lifetime = new();
    private int _activeCalls;
    private int _queryWarming;
    private bool _disposed;

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
            QueryIntraOpThreads = options.QueryIntraOpThreads,
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
        _session = new Lazy<OnnxModelSession>(() => Load(_options.IntraOpThreads), LazyThreadSafetyMode.ExecutionAndPublication);
        _querySession = _options.QueryIntraOpThreads == _options.IntraOpThreads
            ? _session
            : new Lazy<OnnxModelSession>(() => Load(_options.QueryIntraOpThreads), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the provider name, the model id (such as <c>snowflake-arctic-embed-xs</c>) and the dimensions (384).</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>Gets whether the model has been loaded (by a first call).</summary>
    public bool IsLoaded => _session.IsValueCreated || _querySession.IsValueCreated;

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

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<GeneratedEmbeddings<Embedding<float>>>(cancellationToken);
        }

        // The work is synchronous; its failures still reach the caller through the task, as an awaiting caller expects.
        try
        {
            Enter();
        }
        catch (ObjectDisposedException e)
        {
            return Task.FromException<GeneratedEmbeddings<Embedding<float>>>(e);
        }

        try
        {
            var query = IsQuery(options);
            if (!query)
            {
                WarmQuerySession();
            }

            return Task.FromResult(Generate(query ? _querySession.Value : _session.Value, texts, query ? _queryPrefix : string.Empty, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<GeneratedEmbeddings<Embedding<float>>>(cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<GeneratedEmbeddings<Embedding<float>>>(e);
        }
        finally
        {
            Exit();
        }
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

    /// <summary>
    /// Releases the model once the calls under way have finished. Calls after this throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        lock (_lifetime)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_activeCalls > 0)
            {
                return;
            }
        }

        ReleaseSession();
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

    private GeneratedEmbeddings<Embedding<float>> Generate(OnnxModelSession session, List<string> texts, string prefix, CancellationToken cancellationToken)
    {
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

        return result;
    }

    // A session is disposed only when no call uses it: disposing it under a running model would crash the process.
    /// <summary>
    /// Loads the queries' own session in the background once articles are being embedded, so that the first search does
    /// not wait for a model load (about a second) and run past the search's time limit for its vector.
    /// </summary>
    private void WarmQuerySession()
    {
        if (ReferenceEquals(_querySession, _session) || _querySession.IsValueCreated || Interlocked.Exchange(ref _queryWarming, 1) == 1)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                Enter();
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            try
            {
                _ = _querySession.Value;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The session keeps the failure and throws it again to the first query, which reports it.
            }
            finally
            {
                Exit();
            }
        });
    }

    private void Enter()
    {
        lock (_lifetime)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _activeCalls++;
        }
    }

    private void Exit()
    {
        lock (_lifetime)
        {
            if (--_activeCalls > 0 || !_disposed)
            {
                return;
            }
        }

        ReleaseSession();
    }

    private void ReleaseSession()
    {
        if (_session.IsValueCreated)
        {
            _session.Value.Dispose();
        }

        if (_querySession != _session && _querySession.IsValueCreated)
        {
            _querySession.Value.Dispose();
        }
    }

    /// <summary>
    /// Groups the texts of a call, shortest first, into batches of at most <paramref name="size"/> texts and
    /// <see cref="BatchTokenBudget"/> tokens (padding included) whose padding stays within a tenth of their real tokens.
    /// On a CPU batching pays only for short texts (64 short queries a call: 5 ms each instead of 9); 16 articles of
    /// 256 tokens together cost a fifth more CPU than one by one, and a padded token costs as much as a real one.
    /// </summary>
    internal static IEnumerable<List<int>> Batches(IReadOnlyList<List<int>> tokens, int size)
    {
        var batch = new List<int>();
        var real = 0L;
        foreach (var i in Enumerable.Range(0, tokens.Count).OrderBy(i => tokens[i].Count))
        {
            // Shortest first, so the text being added is the longest of the batch: it sets the padded length.
            long length = tokens[i].Count;
            if (batch.Count > 0 && (batch.Count == size || (batch.Count + 1) * length > BatchTokenBudget || (batch.Count + 1) * length * 10 > (real + length) * 11))
            {
                yield return batch;
                batch = [];
                real = 0;
            }

            batch.Add(i);
            real += length;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The session is owned by the generator and disposed with it.")]
    private OnnxModelSession Load(int intraOpThreads)
    {
        var started = _timeProvider.GetTimestamp();
        var session = OnnxModelSession.Create(_model, intraOpThreads, _options.InterOpThreads);
        Log.ModelLoaded(_logger, _model.ModelId, _timeProvider.GetElapsedTime(started).TotalMilliseconds, intraOpThreads, _options.InterOpThreads);
        return session;
    }
}
