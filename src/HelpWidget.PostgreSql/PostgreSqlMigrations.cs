using System.Globalization;
using System.Reflection;
using Npgsql;

namespace HelpWidget.PostgreSql;

/// <summary>
/// The store's versioned SQL migrations (<c>Migrations/NNNN_name.sql</c>, embedded in the package), for a deployment
/// step that applies them before the app starts with <see cref="PostgreSqlStoreOptions.ApplyMigrations"/> off.
/// </summary>
/// <remarks>
/// Applying is safe when several processes do it at once: they queue behind one advisory lock per schema, and each
/// migration runs in its own transaction and is recorded in the schema's <c>schema_migrations</c> table, so a
/// migration is applied once and a failed one leaves nothing behind.
/// </remarks>
public static class PostgreSqlMigrations
{
    /// <summary>Gets the names of every migration this version of the package knows, in the order they are applied.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. MigrationRunner.All.Select(migration => migration.Name)];

    /// <summary>Creates the schema when missing and applies the migrations it lacks.</summary>
    /// <param name="connectionString">An Npgsql connection string of a user that may create the schema and its tables.</param>
    /// <param name="schema">The schema of the store (<see cref="PostgreSqlStoreOptions.Schema"/>).</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The names of the migrations applied now, in order; empty when the schema was up to date.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a plain identifier.</exception>
    public static async Task<IReadOnlyList<string>> ApplyAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        PostgreSqlIdentifier.Require(schema, nameof(schema));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await ApplyAsync(dataSource, schema, cancellationToken);
    }

    /// <summary>Creates the schema when missing and applies the migrations it lacks.</summary>
    /// <param name="dataSource">A data source of a user that may create the schema and its tables.</param>
    /// <param name="schema">The schema of the store (<see cref="PostgreSqlStoreOptions.Schema"/>).</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The names of the migrations applied now, in order; empty when the schema was up to date.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a plain identifier.</exception>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        PostgreSqlIdentifier.Require(schema, nameof(schema));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await MigrationRunner.ApplyAsync(connection, schema, cancellationToken);
    }
}

/// <summary>One embedded migration.</summary>
internal sealed record Migration(int Number, string Name, string Sql);

/// <summary>Reads the embedded migrations and applies them under an advisory lock.</summary>
internal static class MigrationRunner
{
    /// <summary>The first key of the store's advisory locks ("HW"); the second names what is locked.</summary>
    public const int LockSpace = 0x4857;

    private const string ResourcePrefix = "Migrations/";

    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>Applies the pending migrations on an open connection; the connection's search path is left at the schema.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        // A session lock, not a transaction's: each migration commits on its own while the others wait their turn.
        await ExecuteAsync(connection, "SELECT pg_advisory_lock($1, hashtext($2));", cancellationToken, LockSpace, "migrate:" + schema);
        try
        {
            await ExecuteAsync(
                connection,
                $"""
                CREATE SCHEMA IF NOT EXISTS {schema};
                SET search_path TO {schema};
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    number integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """,
                cancellationToken);
            var applied = await AppliedAsync(connection, cancellationToken);
            var done = new List<string>();
            foreach (var migration in All.Where(migration => !applied.Contains(migration.Number)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, migration.Sql, cancellationToken);
                await ExecuteAsync(connection, "INSERT INTO schema_migrations (number, name) VALUES ($1, $2);", cancellationToken, migration.Number, migration.Name);
                await transaction.CommitAsync(cancellationToken);
                done.Add(migration.Name);
            }

            return done;
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock($1, hashtext($2));", CancellationToken.None, LockSpace, "migrate:" + schema);
            }
        }
    }

    /// <summary>The migrations this package knows that the schema lacks; all of them when the schema has none.</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL;", connection))
        {
            exists.Parameters.AddWithValue(schema + ".schema_migrations");
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return [.. All.Select(migration => migration.Name)];
            }
        }

        await ExecuteAsync(connection, $"SET search_path TO {schema};", cancellationToken);
        var applied = await AppliedAsync(connection, cancellationToken);
        return [.. All.Where(migration => !applied.Contains(migration.Number)).Select(migration => migration.Name)];
    }

    private static async Task<HashSet<int>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT number FROM schema_migrations;", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetInt32(0));
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Migration[] Load()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..^".sql".Length];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore != 4 || !int.TryParse(name.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new InvalidOperationException($"The embedded migration '{resource}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(number, name, reader.ReadToEnd()));
        }

        var ordered = migrations.OrderBy(migration => migration.Number).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Number == ordered[i - 1].Number)
            {
                throw new InvalidOperationException($"Two embedded migrations share the number {ordered[i].Number}: {ordered[i - 1].Name} and {ordered[i].Name}.");
            }
        }

        return ordered;
    }
}
