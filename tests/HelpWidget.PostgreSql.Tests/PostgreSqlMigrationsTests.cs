using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
        var result = new PostgreSqlStoreOptionsValidator().Validate(null, new PostgreSqlStoreOptions { Schema = schema, ConnectionString = "Host=127.0.0.1" });
        Assert.True(result.Failed);
        Assert.Contains("plain identifier", result.FailureMessage, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NewDatabase("Host=127.0.0.1", schema));
    }

    [Fact]
    public async Task An_app_without_a_database_does_not_start_and_says_which_settings_give_one()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddHelpWidget().AddPostgreSqlStore();
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("ConnectionStrings:HelpWidget", refused.Message, StringComparison.Ordinal);
        Assert.Contains("NpgsqlDataSource", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_string_comes_from_the_configuration_when_the_options_give_none()
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:HelpWidget"] = connectionString;
        builder.Services.AddHelpWidget().AddPostgreSqlStore(options => options.Schema = "configured");
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        await host.Services.GetRequiredService<IAnnouncementDismissals>().DismissAsync("user", "a", TestContext.Current.CancellationToken);

        Assert.Equal(["0001_store"], (await RecordedAsync(connectionString, "configured")).Take(1));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_data_source_from_the_services_is_used_with_the_store_schema_as_its_search_path()
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var services = new ServiceCollection();
        services.AddSingleton(dataSource);
        services.AddHelpWidget().AddPostgreSqlStore(options => options.Schema = "from_services");
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IAnnouncementDismissals>().DismissAsync("user", "a", TestContext.Current.CancellationToken);

        Assert.Equal(["a"], await provider.GetRequiredService<IAnnouncementDismissals>().GetDismissedAsync("user", TestContext.Current.CancellationToken));
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM from_services.announcement_dismissals;", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
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
