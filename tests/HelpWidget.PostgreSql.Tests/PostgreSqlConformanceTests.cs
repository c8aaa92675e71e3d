using HelpWidget.Testing;
using Npgsql;

namespace HelpWidget.PostgreSql.Tests;

/// <summary>
/// The store contracts' conformance suites, each test in a new schema of the assembly server's database that every
/// instance of the test shares (each instance has its own data source, listener and instance lock).
/// </summary>
public sealed class PostgreSqlHelpStoreConformanceTests(PostgreSqlTestServer server) : HelpStoreConformanceTests
{
    private readonly PostgreSqlConformance _schema = new(server);

    protected override Task AddStoreAsync(IHelpWidgetBuilder builder) => _schema.AddStoreAsync(builder);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _schema.DropAsync();
    }
}

public sealed class PostgreSqlTicketOutboxConformanceTests(PostgreSqlTestServer server) : TicketOutboxConformanceTests
{
    private readonly PostgreSqlConformance _schema = new(server);

    protected override Task AddStoreAsync(IHelpWidgetBuilder builder) => _schema.AddStoreAsync(builder);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _schema.DropAsync();
    }
}

public sealed class PostgreSqlAnnouncementDismissalsConformanceTests(PostgreSqlTestServer server) : AnnouncementDismissalsConformanceTests
{
    private readonly PostgreSqlConformance _schema = new(server);

    protected override Task AddStoreAsync(IHelpWidgetBuilder builder) => _schema.AddStoreAsync(builder);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _schema.DropAsync();
    }
}

public sealed class PostgreSqlArticleSignalSourceConformanceTests(PostgreSqlTestServer server) : ArticleSignalSourceConformanceTests
{
    private readonly PostgreSqlConformance _schema = new(server);

    protected override Task AddStoreAsync(IHelpWidgetBuilder builder) => _schema.AddStoreAsync(builder);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _schema.DropAsync();
    }
}

/// <summary>One test's schema: made by the first instance's migrations, dropped when the test ends.</summary>
internal sealed class PostgreSqlConformance(PostgreSqlTestServer server)
{
    private readonly string _schema = PostgreSqlTestServer.NewSchema();

    public Task AddStoreAsync(IHelpWidgetBuilder builder)
    {
        builder.AddPostgreSqlStore(options =>
        {
            options.ConnectionString = server.ConnectionString;
            options.Schema = _schema;
        });
        return Task.CompletedTask;
    }

    public async Task DropAsync()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE;", connection);
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
