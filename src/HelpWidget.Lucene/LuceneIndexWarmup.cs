using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Lucene;

/// <summary>
/// Builds the index in the background once the app starts, so the app answers at once and the first search finds the
/// index ready or nearly so. Searches that come earlier wait for this build; if it fails, it is logged and the next
/// search tries again.
/// </summary>
/// <remarks>
/// The engine is resolved when the build starts, not when the host creates its services: an app without an article
/// source then fails with the options' start-up check, which says what to add, rather than with a resolution error.
/// </remarks>
internal sealed class LuceneIndexWarmup(IServiceProvider services, ILogger<LuceneIndexWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Reading and indexing the articles starts synchronously; off the starting thread, the host's start never waits for it.
        await Task.Yield();
        try
        {
            await services.GetRequiredService<LuceneKnowledgeProvider>().EnsureIndexAsync(stoppingToken);
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
