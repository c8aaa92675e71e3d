using Microsoft.Extensions.Options;

namespace HelpWidget.Markdown;

/// <summary>The checks of <see cref="MarkdownContentOptions"/> that DataAnnotations cannot state.</summary>
internal sealed class MarkdownContentOptionsValidator : IValidateOptions<MarkdownContentOptions>
{
    public ValidateOptionsResult Validate(string? name, MarkdownContentOptions options)
    {
        var failures = new List<string>();
        CheckPath(options.ArticlesPath, nameof(MarkdownContentOptions.ArticlesPath), failures);
        CheckPath(options.AnnouncementsPath, nameof(MarkdownContentOptions.AnnouncementsPath), failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPath(string? path, string option, List<string> failures)
    {
        if (path is not null && path.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"HelpWidget Markdown content: {option} '{path}' contains characters that are not valid in a path.");
        }
    }
}
