using Microsoft.Extensions.Options;

namespace HelpWidget.Insights;

internal sealed class HelpInsightsOptionsValidator : IValidateOptions<HelpInsightsOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpInsightsOptions options)
    {
        var failures = new List<string>();
        if (options.UserKeySecret is { } secret && UserKeys.DecodeSecret(secret) is null)
        {
            failures.Add("HelpInsightsOptions.UserKeySecret must be Base64 of at least 32 bytes.");
        }

        if (options.BufferCapacity is < 100 or > 1_000_000)
        {
            failures.Add($"HelpInsightsOptions.BufferCapacity ({options.BufferCapacity}) must be from 100 to 1,000,000.");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"HelpInsightsOptions.BatchSize ({options.BatchSize}) must be from 1 to 10,000.");
        }

        if (options.RetentionPeriod < TimeSpan.FromDays(1) || options.RetentionPeriod > TimeSpan.FromDays(3660))
        {
            failures.Add($"HelpInsightsOptions.RetentionPeriod ({options.RetentionPeriod}) must be from 1 day to 10 years.");
        }

        if (options.RetentionInterval < TimeSpan.FromMinutes(1) || options.RetentionInterval > TimeSpan.FromDays(7))
        {
            failures.Add($"HelpInsightsOptions.RetentionInterval ({options.RetentionInterval}) must be from 1 minute to 7 days.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
