using Microsoft.Extensions.Options;

namespace HelpWidget.PostgreSql;

/// <summary>Checks <see cref="PostgreSqlStoreOptions"/> when the app starts.</summary>
internal sealed class PostgreSqlStoreOptionsValidator : IValidateOptions<PostgreSqlStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PostgreSqlIdentifier.IsPlain(options.Schema)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{nameof(PostgreSqlStoreOptions)}.{nameof(PostgreSqlStoreOptions.Schema)} must be a plain identifier: 1 to 63 lower-case letters (a-z), digits and underscores, starting with a letter or an underscore, not starting with pg_.");
    }
}

/// <summary>The identifiers the store writes into SQL text (the schema): plain ones only, so they never need quoting.</summary>
internal static class PostgreSqlIdentifier
{
    public const int MaxLength = 63;

    public static bool IsPlain(string? identifier)
    {
        if (string.IsNullOrEmpty(identifier) || identifier.Length > MaxLength || char.IsAsciiDigit(identifier[0]))
        {
            return false;
        }

        foreach (var c in identifier)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return !identifier.StartsWith("pg_", StringComparison.Ordinal);
    }

    public static string Require(string? identifier, string parameterName) => IsPlain(identifier)
        ? identifier!
        : throw new ArgumentException(
            "The schema must be a plain identifier: 1 to 63 lower-case letters (a-z), digits and underscores, starting with a letter or an underscore, not starting with pg_.",
            parameterName);
}
