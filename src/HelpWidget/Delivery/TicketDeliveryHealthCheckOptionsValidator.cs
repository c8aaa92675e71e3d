using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HelpWidget.Delivery;

internal sealed class TicketDeliveryHealthCheckOptionsValidator : IValidateOptions<TicketDeliveryHealthCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, TicketDeliveryHealthCheckOptions options)
    {
        var failures = new List<string>();
        if (options.DegradedAfter <= TimeSpan.Zero || options.DegradedAfter > options.UnhealthyAfter)
        {
            failures.Add($"DegradedAfter ({options.DegradedAfter}) must be positive and no longer than UnhealthyAfter ({options.UnhealthyAfter}).");
        }

        if (options.UnhealthyAfter > TicketDeliveryHealthCheckOptions.MaxAge)
        {
            failures.Add($"UnhealthyAfter ({options.UnhealthyAfter}) must be {TicketDeliveryHealthCheckOptions.MaxAge.TotalDays} days or less.");
        }

        if (!Enum.IsDefined(options.DeadLetterStatus))
        {
            failures.Add($"DeadLetterStatus ({(int)options.DeadLetterStatus}) must be Unhealthy, Degraded or Healthy.");
        }

        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures.Select(failure => $"The delivery health check '{name}': {failure}"));
    }
}
