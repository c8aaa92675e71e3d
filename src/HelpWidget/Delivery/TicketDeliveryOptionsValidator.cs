using Microsoft.Extensions.Options;

namespace HelpWidget.Delivery;

internal sealed class TicketDeliveryOptionsValidator : IValidateOptions<TicketDeliveryOptions>
{
    internal const int MaxAttemptsLimit = 1000;

    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, TicketDeliveryOptions options)
    {
        var failures = new List<string>();
        Check(failures, options.MaxAttempts is >= 1 and <= MaxAttemptsLimit, $"MaxAttempts ({options.MaxAttempts}) must be from 1 to {MaxAttemptsLimit}.");
        Check(failures, options.InitialDelay > TimeSpan.Zero && options.InitialDelay <= options.MaxDelay,
            $"InitialDelay ({options.InitialDelay}) must be positive and no longer than MaxDelay ({options.MaxDelay}).");
        Check(failures, options.MaxDelay <= OneDay, $"MaxDelay ({options.MaxDelay}) must be one day or less.");
        Check(failures, options.AttemptTimeout > TimeSpan.Zero && options.AttemptTimeout < options.LeaseDuration,
            $"AttemptTimeout ({options.AttemptTimeout}) must be positive and shorter than LeaseDuration ({options.LeaseDuration}), so that no claim is taken over while its attempt runs.");
        Check(failures, options.LeaseDuration <= OneDay, $"LeaseDuration ({options.LeaseDuration}) must be one day or less.");
        Check(failures, options.PollInterval > TimeSpan.Zero && options.PollInterval <= TimeSpan.FromHours(1),
            $"PollInterval ({options.PollInterval}) must be positive and one hour or less.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, bool valid, string message)
    {
        if (!valid)
        {
            failures.Add(message);
        }
    }
}
