using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HelpWidget.PostgreSql;

/// <summary>
/// The store's database: the data source (one from the services, or one made from the connection string with the
/// schema as its search path), and the migrations, applied (or, with <see cref="PostgreSqlStoreOptions.ApplyMigrations"/>
/// off, checked) once before the first connection is handed out.
/// </summary>
internal sealed class PostgreSqlDatabase : IAsyncDisposable
{
    private readonly bool _ownsDataSource;
    private readonly bool _setSearchPath;
    private readonly bool _applyMigrations;
    private readonly SemaphoreSlim _migrationLock = new(1, 1);
    private readonly ILogger _logger;
    private volatile bool _migrated;

    /// <param name="options">The store's options.</param>
    /// <param name="dataSource">A data source registered by the app; <see langword="null"/> to make one from the connection string.</param>
    /// <param name="configuration">The app's configuration, for <c>ConnectionStrings:HelpWidget</c>.</param>
    /// <param name="logger">The logger; <see langword="null"/> logs nothing.</param>
    public PostgreSqlDatabase(IOptions<PostgreSqlStoreOptions> options, NpgsqlDataSource? dataSource = null, IConfiguration? configuration = null, ILogger<PostgreSqlDatabase>? logger = null)
    {
        var value = options.Value;
        Schema = PostgreSqlIdentifier.Require(value.Schema, nameof(options));
        _applyMigrations = value.ApplyMigrations;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        if (dataSource is not null)
        {
            DataSource = dataSource;
            _setSearchPath = !string.Equals(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).SearchPath, Schema, StringComparison.Ordinal);
            return;
        }

        var connectionString = value.ConnectionString ?? configuration?.GetConnectionString("HelpWidget");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "The PostgreSQL store has no database: register an NpgsqlDataSource, set PostgreSqlStoreOptions.ConnectionString, or set the configuration's ConnectionStrings:HelpWidget.");
        }

        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.SearchPath = Schema;
        builder.ConnectionStringBuilder.ApplicationName ??= "HelpWidget";
        DataSource = builder.Build();
        _ownsDataSource = true;
    }

    /// <summary>Gets the schema that holds the store's tables.</summary>
    public string Schema { get; }

    /// <summary>
    /// Gets the data source. Its connections may not have the schema as their search path (an app's own data source):
    /// open connections with <see cref="OpenConnectionAsync"/>, which sees to that and to the migrations.
    /// </summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Applies the pending migrations (or checks that none is pending), once per process; a failure is tried again on the next call.</summary>
    public async Task EnsureMigratedAsync(CancellationToken cancellationToken = default)
    {
        if (_migrated)
        {
            return;
        }

        await _migrationLock.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            if (_applyMigrations)
            {
                var applied = await MigrationRunner.ApplyAsync(connection, Schema, cancellationToken);
                if (applied.Count > 0)
                {
                    Log.Migrated(_logger, Schema, string.Join(", ", applied));
                }
            }
            else
            {
                var pending = await MigrationRunner.PendingAsync(connection, Schema, cancellationToken);
                if (pending.Count > 0)
                {
                    throw new InvalidOperationException(
                        $"The PostgreSQL schema '{Schema}' lacks the migrations {string.Join(", ", pending)}. Apply them with PostgreSqlMigrations.ApplyAsync (a deployment step), or turn PostgreSqlStoreOptions.ApplyMigrations on.");
                }
            }

            _migrated = true;
        }
        finally
        {
            _migrationLock.Release();
        }
    }

    /// <summary>Opens a connection whose search path is the store's schema, after the migrations.</summary>
    public async ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureMigratedAsync(cancellationToken);
        var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        if (_setSearchPath)
        {
            try
            {
                await using var command = new NpgsqlCommand($"SET search_path TO {Schema};", connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a connection of <see cref="OpenConnectionAsync"/>. When the server ended the
    /// connection's session (it restarted, or an administrator ended it), the pool's other connections, opened before
    /// and as dead, are dropped and the work runs once more on a new connection: the session's end rolled back whatever
    /// it had begun, so nothing is done twice, and the first request after a restart succeeds. While the server is
    /// down, the work fails with the reason (<c>Failed to connect to host:port</c>).
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = await OpenConnectionAsync(cancellationToken);
            try
            {
                return await work(connection, cancellationToken);
            }
            catch (Exception ex) when (IsSessionEnded(ex) && attempt == 1)
            {
                Log.SessionEnded(_logger, Schema, ex.Message);
                DataSource.Clear();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> as <see cref="ExecuteAsync{T}"/> does.</summary>
    public Task ExecuteAsync(Func<NpgsqlConnection, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        ExecuteAsync<bool>(
            async (connection, token) =>
            {
                await work(connection, token);
                return true;
            },
            cancellationToken);

    /// <summary>Whether the server ended the session before the work's commit could be answered (administrator or shutdown).</summary>
    internal static bool IsSessionEnded(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException { InnerException: PostgresException inner } => IsSessionEnded(inner),
        _ => false,
    };

    public async ValueTask DisposeAsync()
    {
        _migrationLock.Dispose();
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync();
        }
    }
}
