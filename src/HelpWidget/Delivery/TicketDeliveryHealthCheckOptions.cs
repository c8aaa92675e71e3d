using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpWidget;

/// <summary>
/// Options of the delivery health check (<see cref="TicketDeliveryHealthChecksBuilderExtensions.AddTicketDeliveryHealthCheck"/>),
/// which reads every sink's queue and tells a queue that drains from one that is stuck.
/// </summary>
/// <remarks>
/// A receiver that refuses tickets makes its queue wait: with the default back-off the first retries come after 5, 10 and 20
/// seconds, so a queue whose oldest ticket waits for minutes has been failing for several attempts.
/// </remarks>
public sealed class TicketDeliveryHealthCheckOptions
{
    /// <summary>The longest age either threshold accepts: seven days.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    /// <summary>
    /// Gets or sets the age of a sink's oldest pending ticket (from its submission) beyond which the check reports
    /// <see cref="HealthStatus.Degraded"/>. Positive, at most <see cref="UnhealthyAfter"/>. Defaults to 5 minutes.
    /// </summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the age of a sink's oldest pending ticket (from its submission) beyond which the check reports
    /// <see cref="HealthStatus.Unhealthy"/>. At least <see cref="DegradedAfter"/>, at most <see cref="MaxAge"/>. Defaults to 30 minutes.
    /// </summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Gets or sets the status reported while a sink has dead letters (tickets that wait for an operator, see
    /// <see cref="ITicketDeadLetters"/>); <see cref="HealthStatus.Healthy"/> leaves them out of the status (they stay in
    /// the data). Defaults to <see cref="HealthStatus.Degraded"/>: a dead letter needs a person, not a restart.
    /// </summary>
    public HealthStatus DeadLetterStatus { get; set; } = HealthStatus.Degraded;
}
