using System.Globalization;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpWidget.Delivery;

/// <summary>Reads every sink's queue: a pending ticket waiting too long or a dead letter makes the status worse.</summary>
internal sealed class TicketDeliveryHealthCheck(ITicketQueueView? view, TicketDeliveryHealthCheckOptions options, TimeProvider timeProvider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (view is null)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                "The store keeps no delivery queue (no ITicketQueueView is registered). Add a store that has one, such as AddSqliteStore() or AddPostgreSqlStore().");
        }

        IReadOnlyList<TicketQueueStatus> queues;
        try
        {
            queues = await view.GetQueuesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The delivery queue could not be read: {exception.Message}", exception);
        }

        var now = timeProvider.GetUtcNow();
        var status = HealthStatus.Healthy;
        var problems = new StringBuilder();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var queue in queues)
        {
            data[queue.SinkName] = queue;
            if (queue.OldestPendingSubmittedAt is { } oldest && now - oldest is var age && age > options.DegradedAfter)
            {
                var unhealthy = age > options.UnhealthyAfter;
                status = Worse(status, unhealthy ? HealthStatus.Unhealthy : HealthStatus.Degraded);
                Append(problems, string.Create(CultureInfo.InvariantCulture,
                    $"Sink '{queue.SinkName}': {queue.Pending} pending, the oldest submitted {Age(age)} ago ({(unhealthy ? "unhealthy" : "degraded")} after {Age(unhealthy ? options.UnhealthyAfter : options.DegradedAfter)})."));
            }

            if (queue.DeadLetters > 0 && options.DeadLetterStatus != HealthStatus.Healthy)
            {
                status = Worse(status, options.DeadLetterStatus);
                Append(problems, string.Create(CultureInfo.InvariantCulture,
                    $"Sink '{queue.SinkName}': {queue.DeadLetters} dead letter(s) wait for an operator (ITicketDeadLetters)."));
            }
        }

        var description = problems.Length > 0
            ? problems.ToString()
            : queues.Count == 0
                ? "No sink has a delivery queue."
                : string.Join(" ", queues.Select(queue => string.Create(CultureInfo.InvariantCulture, $"Sink '{queue.SinkName}': {queue.Pending} pending, {queue.DeadLetters} dead letter(s).")));
        return new HealthCheckResult(status, description, data: data);
    }

    // Unhealthy (0) < Degraded (1) < Healthy (2): the worse status is the smaller value.
    private static HealthStatus Worse(HealthStatus current, HealthStatus next) => next < current ? next : current;

    private static string Age(TimeSpan age) => TimeSpan.FromSeconds(Math.Floor(age.TotalSeconds)).ToString("c", CultureInfo.InvariantCulture);

    private static void Append(StringBuilder problems, string problem)
    {
        if (problems.Length > 0)
        {
            problems.Append(' ');
        }

        problems.Append(problem);
    }
}
