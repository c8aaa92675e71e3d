using Microsoft.Extensions.Options;

namespace HelpWidget.Lucene;

/// <summary>Checks <see cref="SemanticSearchOptions"/> when the app starts; each message names the option and its value.</summary>
internal sealed class SemanticSearchOptionsValidator : IValidateOptions<SemanticSearchOptions>
{
    private const string Prefix = "HelpWidget semantic search: ";

    public ValidateOptionsResult Validate(string? name, SemanticSearchOptions options)
    {
        var failures = new List<string>();
        if (!(options.Weight is >= 0 and <= 1))
        {
            failures.Add($"{Prefix}Weight must be between 0 and 1; it is {options.Weight}.");
        }

        if (!(options.MinSimilarity is >= -1 and <= 1))
        {
            failures.Add($"{Prefix}MinSimilarity must be between -1 and 1; it is {options.MinSimilarity}.");
        }

        if (options.QueryTimeout < TimeSpan.FromMilliseconds(10) || options.QueryTimeout > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{Prefix}QueryTimeout must be between 00:00:00.010 and 00:00:10; it is {options.QueryTimeout}.");
        }

        if (options.QueryCacheSize is < 0 or > 100_000)
        {
            failures.Add($"{Prefix}QueryCacheSize must be between 0 and 100000; it is {options.QueryCacheSize}.");
        }

        if (options.MaxParallelism is < 1 or > 16)
        {
            failures.Add($"{Prefix}MaxParallelism must be between 1 and 16; it is {options.MaxParallelism}.");
        }

        if (options.VectorCachePath is { } path && path.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{Prefix}VectorCachePath '{path}' contains characters that are not valid in a path.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
