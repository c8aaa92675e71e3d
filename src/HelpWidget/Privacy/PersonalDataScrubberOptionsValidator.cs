using Microsoft.Extensions.Options;

namespace HelpWidget.Privacy;

internal sealed class PersonalDataScrubberOptionsValidator : IValidateOptions<PersonalDataScrubberOptions>
{
    internal const int MinTextLength = 1_000;
    internal const int MaxTextLengthLimit = 10_000_000;

    public ValidateOptionsResult Validate(string? name, PersonalDataScrubberOptions options) =>
        options.MaxTextLength is < MinTextLength or > MaxTextLengthLimit
            ? ValidateOptionsResult.Fail($"{nameof(PersonalDataScrubberOptions.MaxTextLength)} is {options.MaxTextLength}; it must be from {MinTextLength} to {MaxTextLengthLimit}.")
            : ValidateOptionsResult.Success;
}
