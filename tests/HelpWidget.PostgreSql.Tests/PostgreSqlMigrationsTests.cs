using HelpWidget.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HelpWidget.PostgreSql.Tests;

public sealed class PostgreSqlMigrationsTests(PostgreSqlTestServer server)
{
    [Fact]
    public async Task An_empty_database_is_migrated_once_however_often_and_by_however_many_starters()
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);

        // Four starters at once, as four instances of an app starting together.
        var starters = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var database = NewDatabase(connectionString, "helpwidget");
            await database.EnsureMigratedAsync(TestContext.Current.CancellationToken);
        }));
        await Task.WhenAll(starters);

        // And again, as the next start.
        await using (var again = NewDatabase(connectionString, "helpwidget"))
        {
            await again.EnsureMigratedAsync(TestContext.Current.CancellationToken);
        }

        Assert.Empty(await PostgreSqlMigrations.ApplyAsync(connectionString, "helpwidget", TestContext.Current.CancellationToken));
        var recorded = await RecordedAsync(connectionString, "helpwidget");
        Assert.Equal(PostgreSqlMigrations.Names, recorded);
        Assert.Contains("0001_store", recorded);
    }

    [Fact]
    public async Task A_deployment_step_applies_the_migrations_and_the_app_then_only_checks_them()
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using (var unmigrated = NewDatabase(connectionString, "deployed", applyMigrations: false))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => unmigrated.EnsureMigratedAsync(TestContext.Current.CancellationToken));
            Assert.Contains("0001_store", refused.Message, StringComparison.Ordinal);
            Assert.Contains("PostgreSqlMigrations.ApplyAsync", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(PostgreSqlMigrations.Names, await PostgreSqlMigrations.ApplyAsync(connectionString, "deployed", TestContext.Current.CancellationToken));
        await using var database = NewDatabase(connectionString, "deployed", applyMigrations: false);
        await database.EnsureMigratedAsync(TestContext.Current.CancellationToken);
        await using var connection = await database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM tickets;", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Two_schemas_of_one_database_are_two_stores()
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var first = NewDatabase(connectionString, "first_app");
        await using var second = NewDatabase(connectionString, "second_app");
        await using (var connection = await first.OpenConnectionAsync(TestContext.Current.CancellationToken))
        await using (var insert = new NpgsqlCommand("INSERT INTO announcement_dismissals VALUES ('user', 'a', now());", connection))
        {
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var other = await second.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM announcement_dismissals;", other);
        Assert.Equal(0L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Helpwidget")]
    [InlineData("help widget")]
    [InlineData("x; DROP TABLE tickets")]
    [InlineData("\"quoted\"")]
    [InlineData("1st")]
    [InlineData("pg_catalog")]
    [InlineData("a_name_longer_than_the_sixty_three_characters_postgresql_allows_")]
    public void A_schema_that_is_not_a_plain_identifier_is_refused_when_the_app_starts(string schema)
    {
        var result = new PostgreSqlStoreOptionsValidator().Validate(null, new PostgreSqlStoreOptions { Schema = schema });
        Assert.True(result.Failed);
        Assert.Contains("plain identifier", result.FailureMessage, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NewDatabase("Host=127.0.0.1", schema));
    }

    private static PostgreSqlDatabase NewDatabase(string connectionString, string schema, bool applyMigrations = true) =>
        new(Options.Create(new PostgreSqlStoreOptions { ConnectionString = connectionString, Schema = schema, ApplyMigrations = applyMigrations }));

    private static async Task<List<string>> RecordedAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"SELECT name FROM {schema}.schema_migrations ORDER BY number;", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
