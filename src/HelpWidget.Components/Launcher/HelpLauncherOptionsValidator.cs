using Microsoft.Extensions.Options;

namespace HelpWidget.Components;

internal sealed class HelpLauncherOptionsValidator : IValidateOptions<HelpLauncherOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpLauncherOptions options)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Theme))
        {
            problems.Add($"{nameof(HelpLauncherOptions.Theme)} is {(int)options.Theme}, which is not a {nameof(HelpTheme)}.");
        }

        if (!Enum.IsDefined(options.Position))
        {
            problems.Add($"{nameof(HelpLauncherOptions.Position)} is {(int)options.Position}, which is not a {nameof(HelpPosition)}.");
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
