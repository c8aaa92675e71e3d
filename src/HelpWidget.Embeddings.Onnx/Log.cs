using Microsoft.Extensions.Logging;

namespace HelpWidget.Embeddings.Onnx;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Embedding model {Model} loaded in {ElapsedMilliseconds:F0} ms ({IntraOpThreads} intra-op, {InterOpThreads} inter-op threads).")]
    public static partial void ModelLoaded(ILogger logger, string model, double elapsedMilliseconds, int intraOpThreads, int interOpThreads);

    [LoggerMessage(2, LogLevel.Debug, "Embedded {Count} texts ({Tokens} tokens) in {ElapsedMilliseconds:F1} ms.")]
    public static partial void Embedded(ILogger logger, int count, long tokens, double elapsedMilliseconds);
}
