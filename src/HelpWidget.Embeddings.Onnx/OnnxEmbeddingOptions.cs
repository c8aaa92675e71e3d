using System.ComponentModel.DataAnnotations;

namespace HelpWidget.Embeddings.Onnx;

/// <summary>Options of <see cref="OnnxEmbeddingGenerator"/>: which model, how much text, how many threads.</summary>
public sealed class OnnxEmbeddingOptions
{
    /// <summary>The longest <see cref="MaxTokens"/> the models accept (their position table).</summary>
    public const int ModelMaxTokens = 512;

    /// <summary>Gets or sets the model. The default is <see cref="OnnxEmbeddingModel.ArcticXs"/>.</summary>
    public OnnxEmbeddingModel Model { get; set; } = OnnxEmbeddingModel.ArcticXs;

    /// <summary>
    /// Gets or sets how many tokens of a text are embedded, counting the [CLS] and [SEP] markers; the rest of a longer
    /// text is left out. Between 8 and 512; the default is 256 (all-MiniLM-L6-v2 was trained on no more, and the cost
    /// of a call grows faster than its length).
    /// </summary>
    [Range(8, ModelMaxTokens)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>
    /// Gets or sets the threads ONNX Runtime uses inside one operator of one call. Between 1 and 64; the default is 1,
    /// which leaves the other cores to concurrent calls and to the web server.
    /// </summary>
    [Range(1, 64)]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Gets or sets the threads ONNX Runtime uses inside one operator of a call that embeds search queries (the
    /// <c>input_type</c> "query"): a reader waits for those, and they are short. Between 1 and 64; the default is 2
    /// (about a third less time per query on 2 cores). When it differs from <see cref="IntraOpThreads"/>, queries run in
    /// a second session of the model (loaded with the first query, about 100 MB more memory); articles keep
    /// <see cref="IntraOpThreads"/>.
    /// </summary>
    [Range(1, 64)]
    public int QueryIntraOpThreads { get; set; } = 2;

    /// <summary>
    /// Gets or sets the threads ONNX Runtime uses to run independent operators of one call in parallel. Between 1 and
    /// 64; the default is 1 (these models are a chain of operators, so more rarely helps).
    /// </summary>
    [Range(1, 64)]
    public int InterOpThreads { get; set; } = 1;

    /// <summary>
    /// Gets or sets how many texts at most go through the model together in one call of
    /// <see cref="OnnxEmbeddingGenerator.GenerateAsync"/>. The texts of a call are grouped by length into batches of
    /// at most this size, of 512 tokens at most, whose padding stays within a tenth of their tokens (batching pays
    /// only for short texts on a CPU). Between 1 and 256; the default is 16.
    /// </summary>
    [Range(1, 256)]
    public int MaxBatchSize { get; set; } = 16;

    /// <summary>
    /// Gets or sets the text put before a query (a text embedded with the <c>input_type</c> "query"), never before a
    /// document. <see langword="null"/> (the default) uses the model's own:
    /// <c>"Represent this sentence for searching relevant passages: "</c> for <see cref="OnnxEmbeddingModel.ArcticXs"/>,
    /// none for <see cref="OnnxEmbeddingModel.MiniLM"/>; an empty string puts none. At most 200 characters.
    /// </summary>
    [MaxLength(200)]
    public string? QueryPrefix { get; set; }
}
