using Microsoft.Extensions.Logging;

namespace HelpWidget.Lucene;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Indexed {Count} articles in {Languages} languages in {ElapsedMs} ms.")]
    public static partial void Indexed(ILogger logger, int count, int languages, long elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "Skipped synonyms in '{Location}': {Reason}")]
    public static partial void SynonymsSkipped(ILogger logger, string location, string reason);

    [LoggerMessage(3, LogLevel.Error, "Reloading the articles failed; the previous index stays in use.")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Reading article signals failed; ranking goes on without them.")]
    public static partial void SignalsFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Updated the index in {ElapsedMs} ms: {Added} articles added, {Changed} changed, {Removed} removed.")]
    public static partial void Updated(ILogger logger, int added, int changed, int removed, long elapsedMs);

    [LoggerMessage(6, LogLevel.Warning, "Updating the '{Language}' index failed; it is built again from the articles.")]
    public static partial void UpdateFailed(ILogger logger, string language, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Article '{Id}' ({Language}) cannot be searched: an id, tag, context or audience is longer than the index allows (32,766 bytes).")]
    public static partial void ArticleNotIndexed(ILogger logger, string id, string language);

    [LoggerMessage(8, LogLevel.Debug, "Merged the segments left by changes in {Languages} language indexes in {ElapsedMs} ms.")]
    public static partial void Compacted(ILogger logger, int languages, long elapsedMs);

    [LoggerMessage(9, LogLevel.Warning, "Merging the '{Language}' index failed; it answers as before and the next change tries again.")]
    public static partial void CompactFailed(ILogger logger, string language, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "Building the search index at start failed; the next search tries again.")]
    public static partial void WarmupFailed(ILogger logger, Exception exception);

    [LoggerMessage(11, LogLevel.Information, "No synonyms: the folder '{Folder}' does not exist. Create it with one file per language (en.txt, sv.txt), or set LuceneSearchOptions.SynonymsPath to the folder that holds them.")]
    public static partial void NoSynonymsFolder(ILogger logger, string folder);

    [LoggerMessage(12, LogLevel.Information, "Vectors of the '{Language}' articles ready: {Count} articles, {Embedded} embedded, {Cached} from the cache, in {ElapsedMs} ms.")]
    public static partial void VectorsReady(ILogger logger, string language, int count, int embedded, int cached, long elapsedMs);

    [LoggerMessage(13, LogLevel.Warning, "Embedding the '{Language}' articles failed; that language is searched by word matching until the articles change.")]
    public static partial void ArticleEmbeddingFailed(ILogger logger, string language, Exception exception);

    [LoggerMessage(14, LogLevel.Warning, "Embedding a '{Language}' query failed; it was answered by word matching.")]
    public static partial void QueryEmbeddingFailed(ILogger logger, string language, Exception exception);

    [LoggerMessage(15, LogLevel.Information, "Embedding a '{Language}' query took longer than {TimeoutMs} ms; it was answered by word matching.")]
    public static partial void QueryEmbeddingTimedOut(ILogger logger, string language, double timeoutMs);

    [LoggerMessage(16, LogLevel.Warning, "The vector cache of the '{Language}' articles cannot be read; the vectors are computed again.")]
    public static partial void VectorCacheUnreadable(ILogger logger, string language);

    [LoggerMessage(17, LogLevel.Warning, "Writing the vector cache of the '{Language}' articles failed; the vectors stay in memory.")]
    public static partial void VectorCacheWriteFailed(ILogger logger, string language, Exception exception);
}
