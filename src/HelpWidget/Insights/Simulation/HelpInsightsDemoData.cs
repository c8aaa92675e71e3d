using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Insights.Simulation;

/// <summary>
/// Writes the demonstration data in the background once the app has started: never before start-up completes, never
/// twice for the same days (it looks for simulated events in the store first), and never with an exception that
/// reaches the host.
/// </summary>
internal sealed class HelpInsightsDemoData(
    IOptions<HelpInsightsDemoDataOptions> options,
    TimeProvider time,
    IServiceScopeFactory scopes,
    ILogger<HelpInsightsDemoData> logger,
    IHelpEventStore? store = null) : BackgroundService
{
    private const int BatchSize = 500;

    /// <summary>Gets the outcome of the run: the number of events written, 0 when none were needed, -1 when it failed; tests wait on it instead of sleeping.</summary>
    internal Task<int> Completed => _completed.Task;

    private readonly TaskCompletionSource<int> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting: the first await of ExecuteAsync is where StartAsync returns.
        await Task.Yield();
        try
        {
            _completed.TrySetResult(await RunOnceAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _completed.TrySetCanceled(stoppingToken);
        }
        catch (Exception exception)
        {
            Log.DemoDataFailed(logger, exception);
            _completed.TrySetResult(-1);
        }
    }

    /// <summary>Writes the demonstration data when the store has none from the last days; returns the number of events written.</summary>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (store is null)
        {
            Log.DemoDataNoStore(logger);
            return 0;
        }

        var end = time.GetUtcNow();
        var present = await store.GetReportAsync(new HelpInsightsQuery { From = end.AddDays(-settings.Days), To = end.AddDays(1), Top = 1 }, cancellationToken);
        if (present.SimulatedEvents > 0)
        {
            Log.DemoDataPresent(logger, present.SimulatedEvents, settings.Days);
            return 0;
        }

        var articles = await LoadArticlesAsync(cancellationToken);
        if (articles.Count == 0)
        {
            Log.DemoDataNoArticles(logger);
            return 0;
        }

        var events = DemoEvents.Generate(articles, end, settings);
        foreach (var batch in events.Chunk(BatchSize))
        {
            await store.WriteAsync(batch, cancellationToken);
        }

        Log.DemoDataWritten(logger, events.Count, settings.Days);
        return events.Count;
    }

    /// <summary>The app's articles: all of its article source's when it has one, else those its knowledge provider suggests for no particular page.</summary>
    private async Task<List<DemoArticle>> LoadArticlesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IArticleSource>() is { } source)
        {
            var loaded = await source.LoadArticlesAsync(cancellationToken);
            if (loaded.Count > 0)
            {
                return [.. loaded.Select(a => new DemoArticle(a.Id, a.Language, a.Title, a.Contexts))];
            }
        }

        if (scope.ServiceProvider.GetService<IKnowledgeProvider>() is { } provider)
        {
            var suggested = await provider.SuggestAsync(new SearchRequest { MaxResults = SearchRequest.MaxResultsLimit }, cancellationToken);
            return [.. suggested.Hits.Select(h => new DemoArticle(h.Id, h.Language, h.Title, []))];
        }

        return [];
    }
}
