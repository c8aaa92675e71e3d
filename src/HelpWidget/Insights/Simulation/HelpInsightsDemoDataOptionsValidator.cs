using Microsoft.Extensions.Options;

namespace HelpWidget.Insights.Simulation;

internal sealed class HelpInsightsDemoDataOptionsValidator : IValidateOptions<HelpInsightsDemoDataOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpInsightsDemoDataOptions options)
    {
        var failures = new List<string>();
        if (options.Days is < 1 or > 366)
        {
            failures.Add($"HelpInsightsDemoDataOptions.Days ({options.Days}) must be from 1 to 366.");
        }

        if (options.SessionsPerDay is < 1 or > 5_000)
        {
            failures.Add($"HelpInsightsDemoDataOptions.SessionsPerDay ({options.SessionsPerDay}) must be from 1 to 5,000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
