using Microsoft.Extensions.Options;

namespace HelpWidget.Components;

internal sealed class HelpPanelOptionsValidator : IValidateOptions<HelpPanelOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpPanelOptions options)
    {
        if (options.SearchHints is null)
        {
            return ValidateOptionsResult.Fail($"{nameof(HelpPanelOptions.SearchHints)} is null; leave it empty for the default hint.");
        }

        var problems = new List<string>();
        foreach (var (language, hint) in options.SearchHints)
        {
            if (language.Length is 0 or > 35 || !language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                problems.Add($"{nameof(HelpPanelOptions.SearchHints)} has the key '{language}', which is not a language tag such as 'en' or 'sv-FI'.");
                continue;
            }

            var problem = InputRules.CheckText(hint, HelpPanelOptions.MaxSearchHintLength, required: true);
            if (problem != InputProblem.None)
            {
                var why = problem switch
                {
                    InputProblem.Required => "is empty",
                    InputProblem.TooLong => $"is {hint.Length} characters long; at most {HelpPanelOptions.MaxSearchHintLength} are shown",
                    InputProblem.ControlCharacter => "contains a control character",
                    _ => "is not valid Unicode text",
                };
                problems.Add($"The search hint for '{language}' {why}.");
            }
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
