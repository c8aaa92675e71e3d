using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Lucene;

/// <summary>
/// Checks <see cref="LuceneSearchOptions"/> when the app starts, and that an <see cref="IArticleSource"/> is registered:
/// the engine indexes the articles of one, and this package brings none.
/// </summary>
internal sealed class LuceneSearchOptionsValidator(IServiceProviderIsService? services = null) : IValidateOptions<LuceneSearchOptions>
{
    private const string Prefix = "HelpWidget Lucene search: ";

    internal const string NoArticleSource = Prefix + "no article source is registered (IArticleSource), so there is nothing to search. "
        + "Add the Markdown articles with AddMarkdownContent() from the HelpWidget.Markdown package (AddHelpWidget().AddMarkdownContent().AddLuceneSearch()), "
        + "or register an IArticleSource of your own.";

    public ValidateOptionsResult Validate(string? name, LuceneSearchOptions options)
    {
        var failures = new List<string>();
        if (services is not null && !services.IsService(typeof(IArticleSource)))
        {
            failures.Add(NoArticleSource);
        }

        if (options.DefaultLanguage is not { Length: 2 } language || !language.All(char.IsAsciiLetterLower))
        {
            failures.Add($"{Prefix}DefaultLanguage '{options.DefaultLanguage}' must be a two-letter lower-case ISO 639-1 code such as 'en'.");
        }

        if (options.MaxQueryLength is < 10 or > 10_000)
        {
            failures.Add($"{Prefix}MaxQueryLength must be between 10 and 10000 characters; it is {options.MaxQueryLength}.");
        }

        CheckPath(options.SynonymsPath, nameof(LuceneSearchOptions.SynonymsPath), failures);
        CheckPath(options.IndexPath, nameof(LuceneSearchOptions.IndexPath), failures);

        if (options.SignalsRefreshInterval < TimeSpan.FromSeconds(1) || options.SignalsRefreshInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Prefix}SignalsRefreshInterval must be between 00:00:01 and 1.00:00:00; it is {options.SignalsRefreshInterval}.");
        }

        if (options.IndexWaitTimeout < TimeSpan.FromSeconds(1) || options.IndexWaitTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Prefix}IndexWaitTimeout must be between 00:00:01 and 00:10:00; it is {options.IndexWaitTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPath(string? path, string option, List<string> failures)
    {
        if (path is not null && path.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{Prefix}{option} '{path}' contains characters that are not valid in a path.");
        }
    }
}
