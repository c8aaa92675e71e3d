using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace HelpWidget.Sqlite;

/// <summary>
/// Opens connections to the configured database file: a relative file lives under the app's content root, its folder
/// is created on first use, every connection waits for locks instead of failing, and the schema is made once.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly Func<SqliteConnection, CancellationToken, Task> _createSchema;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly string? _directory;
    private volatile bool _schemaReady;

    /// <param name="options">The store's options.</param>
    /// <param name="environment">The host, whose content root anchors a relative file; <see langword="null"/> uses the app's folder.</param>
    /// <param name="createSchema">Creates or migrates the tables; runs once, on the first connection.</param>
    public SqliteDatabase(SqliteStoreOptions options, IHostEnvironment? environment, Func<SqliteConnection, CancellationToken, Task> createSchema)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && !Path.IsPathRooted(builder.DataSource)
            && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(environment?.ContentRootPath ?? AppContext.BaseDirectory, builder.DataSource));
        }

        builder.Pooling = true;
        ConnectionString = builder.ToString();
        _directory = builder.Mode == SqliteOpenMode.Memory || !Path.IsPathRooted(builder.DataSource) ? null : Path.GetDirectoryName(builder.DataSource);
        _createSchema = createSchema;
    }

    public string ConnectionString { get; }

    public void Dispose() => _schemaLock.Dispose();

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady && _directory is not null)
        {
            Directory.CreateDirectory(_directory);
        }

        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout = 10000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            if (!_schemaReady)
            {
                await _schemaLock.WaitAsync(cancellationToken);
                try
                {
                    if (!_schemaReady)
                    {
                        await _createSchema(connection, cancellationToken);
                        _schemaReady = true;
                    }
                }
                finally
                {
                    _schemaLock.Release();
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
