using Microsoft.Extensions.Options;

namespace HelpWidget;

internal sealed class HelpWidgetOptionsValidator : IValidateOptions<HelpWidgetOptions>
{
    internal const int MaxApplicationNameLength = 100;

    private const string IdPlaceholder = "{id}";

    public ValidateOptionsResult Validate(string? name, HelpWidgetOptions options)
    {
        var problems = new List<string>();
        if (!IsLanguageCode(options.DefaultLanguage))
        {
            problems.Add($"{nameof(HelpWidgetOptions.DefaultLanguage)} is {OptionValue.Quote(options.DefaultLanguage)}; it must be a two-letter lower-case ISO 639-1 code such as 'en'.");
        }

        if (options.MaxResults is < 1 or > SearchRequest.MaxResultsLimit)
        {
            problems.Add($"{nameof(HelpWidgetOptions.MaxResults)} is {options.MaxResults}; it must be from 1 to {SearchRequest.MaxResultsLimit}.");
        }

        if (options.ApplicationName is { Length: > MaxApplicationNameLength } applicationName)
        {
            problems.Add($"{nameof(HelpWidgetOptions.ApplicationName)} is {applicationName.Length} characters long; it may be at most {MaxApplicationNameLength}.");
        }

        // An empty path is accepted as it always was: it adds nothing to the link and is not another site.
        if (options.ArticlePagePath is { Length: > 0 } path && !IsArticlePagePath(path))
        {
            problems.Add($"{nameof(HelpWidgetOptions.ArticlePagePath)} is {OptionValue.Quote(path)}; it must be an app-relative path starting with one '/' that contains {IdPlaceholder}, such as /help/{IdPlaceholder}.");
        }

        problems.AddRange(options.Contact.Problems());
        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    private static bool IsLanguageCode(string? language) =>
        language is { Length: 2 } && char.IsAsciiLetterLower(language[0]) && char.IsAsciiLetterLower(language[1]);

    /// <summary>One leading '/' (a second would make it protocol-relative: another host), {id} once, and only path characters elsewhere.</summary>
    private static bool IsArticlePagePath(string path)
    {
        var id = path.IndexOf(IdPlaceholder, StringComparison.Ordinal);
        if (path[0] != '/' || (path.Length > 1 && path[1] == '/') || id < 1)
        {
            return false;
        }

        for (var i = 1; i < path.Length; i++)
        {
            if (i == id)
            {
                i += IdPlaceholder.Length - 1;
            }
            else if (!IsPathCharacter(path[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPathCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '.';
}
