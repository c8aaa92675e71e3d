using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Lucene;

/// <summary>
/// Builds the index in the background once the app starts, so the app answers at once and the first search finds the
/// index ready or nearly so. Searches that come earlier wait for this build; if it fails, it is logged and the next
/// search tries again.
/// </summary>
internal sealed class LuceneIndexWarmup(LuceneKnowledgeProvider provider, ILogger<LuceneIndexWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Reading and indexing the articles starts synchronously; off the starting thread, the host's start never waits for it.
        await Task.Yield();
        try
        {
            await provider.EnsureIndexAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping before the index was built.
        }
        catch (Exception ex)
        {
            // A failure here must not stop the host (a faulted background service does): help is a side feature, and
            // the next search builds the index again.
            Log.WarmupFailed(logger, ex);
        }
    }
}
