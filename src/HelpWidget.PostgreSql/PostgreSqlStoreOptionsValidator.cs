using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HelpWidget.PostgreSql;

/// <summary>Checks <see cref="PostgreSqlStoreOptions"/> when the app starts: a plain schema name, and a database to reach.</summary>
/// <param name="configuration">The app's configuration, for <c>ConnectionStrings:HelpWidget</c>.</param>
/// <param name="dataSource">A data source registered by the app.</param>
internal sealed class PostgreSqlStoreOptionsValidator(IConfiguration? configuration = null, NpgsqlDataSource? dataSource = null) : IValidateOptions<PostgreSqlStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!PostgreSqlIdentifier.IsPlain(options.Schema))
        {
            failures.Add($"{nameof(PostgreSqlStoreOptions)}.{nameof(PostgreSqlStoreOptions.Schema)} must be a plain identifier: 1 to 63 lower-case letters (a-z), digits and underscores, starting with a letter or an underscore, not starting with pg_.");
        }

        if (dataSource is null && string.IsNullOrWhiteSpace(options.ConnectionString) && string.IsNullOrWhiteSpace(configuration?.GetConnectionString("HelpWidget")))
        {
            failures.Add(PostgreSqlDatabase.NoDatabase);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
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
