using Microsoft.Extensions.Options;

namespace HelpWidget;

internal sealed class HelpWidgetOptionsValidator : IValidateOptions<HelpWidgetOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpWidgetOptions options)
    {
        if (options.ArticlesPath is { } path && path.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return ValidateOptionsResult.Fail($"ArticlesPath '{path}' contains characters that are not valid in a path.");
        }

        var problems = options.Contact.Problems().ToList();
        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
