using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace HelpWidget.Sqlite;

/// <summary>Resolves the configured connection string: a relative database file lives under the app's content root.</summary>
internal static class SqliteConnectionString
{
    public static (string ConnectionString, string? Directory) Resolve(SqliteStoreOptions options, IHostEnvironment? environment)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && !Path.IsPathRooted(builder.DataSource)
            && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(environment?.ContentRootPath ?? AppContext.BaseDirectory, builder.DataSource));
        }

        builder.Pooling = true;
        var directory = builder.Mode == SqliteOpenMode.Memory || !Path.IsPathRooted(builder.DataSource) ? null : Path.GetDirectoryName(builder.DataSource);
        return (builder.ToString(), directory);
    }
}
