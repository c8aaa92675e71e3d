using HelpWidget.Lucene;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpWidget.Browser.Benchmarks;

/// <summary>Waits for the engine's own readiness signal: its index built and, with meaning-aware search on, every vector computed.</summary>
internal static class SearchReadiness
{
    /// <summary>Asks the sample's <see cref="LuceneSearchHealthCheck"/> until it says Healthy; returns what it said.</summary>
    public static async Task<string> WaitUntilHealthyAsync(IServiceProvider services, TimeSpan timeout)
    {
        var check = services.GetRequiredService<LuceneSearchHealthCheck>();
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("search", check, HealthStatus.Unhealthy, null) };
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var result = await check.CheckHealthAsync(context);
            if (result.Status == HealthStatus.Healthy)
            {
                return result.Description ?? "Healthy";
            }

            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"Search was not ready after {timeout}: {result.Description}");
            }

            // The check is a cheap read of counters; four times a second is enough to see the moment it turns.
            await Task.Delay(250);
        }
    }
}
