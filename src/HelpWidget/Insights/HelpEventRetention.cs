using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Insights;

/// <summary>Deletes events older than <see cref="HelpInsightsOptions.RetentionPeriod"/> from the store at start and then every <see cref="HelpInsightsOptions.RetentionInterval"/>.</summary>
internal sealed class HelpEventRetention(
    IOptions<HelpInsightsOptions> options,
    TimeProvider time,
    ILogger<HelpEventRetention> logger,
    IHelpEventStore? store = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RetentionInterval, time);
        try
        {
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    /// <summary>Deletes what is past the retention period; a failure is logged and tried again at the next run.</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.RetentionPeriod;
        try
        {
            var deleted = await store!.DeleteBeforeAsync(cutoff, cancellationToken);
            Log.RetentionApplied(logger, deleted, cutoff);
            Deleted?.Invoke(deleted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RetentionFailed(logger, exception);
        }
    }

    /// <summary>Called after each run with the number deleted; tests wait on it instead of sleeping.</summary>
    internal Action<int>? Deleted { get; set; }
}
