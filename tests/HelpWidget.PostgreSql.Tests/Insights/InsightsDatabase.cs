using HelpWidget.PostgreSql.Insights;
using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.PostgreSql.Tests.Insights;

/// <summary>
/// One database of the test server for a test class, and a fresh schema in it for each store a test makes, so tests
/// never see each other's events. Stores made on one schema share it as instances of one app share a database.
/// </summary>
internal sealed class InsightsDatabase(PostgreSqlTestServer server) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly Lazy<Task<string>> _connectionString = new(() => server.CreateDatabaseAsync());

    /// <summary>Gets the database's connection string, creating the database on first use (once, however many ask at once).</summary>
    public Task<string> ConnectionStringAsync() => _connectionString.Value;

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema() => PostgreSqlTestServer.NewSchema();

    /// <summary>Creates an event store on <paramref name="schema"/> with its own data source, as another instance of the app would.</summary>
    public async Task<PostgreSqlHelpEventStore> CreateStoreAsync(string schema, IPersonalDataScrubber? scrubber = null)
    {
        var database = new PostgreSqlDatabase(Options.Create(new PostgreSqlStoreOptions { ConnectionString = await ConnectionStringAsync(), Schema = schema }));
        lock (_owned)
        {
            _owned.Add(database);
        }

        return new PostgreSqlHelpEventStore(database, scrubber);
    }

    /// <summary>Creates the services of an app on <paramref name="schema"/>: the engine and the PostgreSQL store.</summary>
    public async Task<ServiceProvider> CreateServicesAsync(string schema)
    {
        var connectionString = await ConnectionStringAsync();
        var services = new ServiceCollection();
        services.AddHelpWidget().AddPostgreSqlStore(o => (o.ConnectionString, o.Schema) = (connectionString, schema));
        var provider = services.BuildServiceProvider();
        _owned.Add(provider);
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }
}
