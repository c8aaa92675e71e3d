using Microsoft.Extensions.Options;

namespace HelpWidget;

internal sealed class HelpWidgetOptionsValidator : IValidateOptions<HelpWidgetOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpWidgetOptions options)
    {
        var problems = options.Contact.Problems().ToList();
        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
