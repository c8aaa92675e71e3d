using HelpWidget.Testing;

namespace HelpWidget.Sqlite.Tests;

// The store contracts' conformance suites, run against the SQLite store as a third party runs them against its own
// (docs/testing.md shows the first class). Each test gets a new file, which every instance the test starts shares.

public sealed class SqliteHelpStoreConformanceTests : HelpStoreConformanceTests
{
    private readonly SqliteTestFolder _files = new("hw-conformance-"); // a temporary folder, deleted in DisposeAsync

    protected override Task AddStoreAsync(IHelpWidgetBuilder builder)
    {
        // Every instance the test starts opens the same file, as instances of an app share one database.
        builder.AddSqliteStore(options => options.ConnectionString = _files.ConnectionString);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }
}

public sealed class SqliteTicketOutboxConformanceTests : TicketOutboxConformanceTests
{
    private readonly SqliteTestFolder _files = new("hw-conformance-"); // a temporary folder, deleted in DisposeAsync

    protected override Task AddStoreAsync(IHelpWidgetBuilder builder)
    {
        // Every instance the test starts opens the same file, as instances of an app share one database.
        builder.AddSqliteStore(options => options.ConnectionString = _files.ConnectionString);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }
}

public sealed class SqliteAnnouncementDismissalsConformanceTests : AnnouncementDismissalsConformanceTests
{
    private readonly SqliteTestFolder _files = new("hw-conformance-"); // a temporary folder, deleted in DisposeAsync

    protected override Task AddStoreAsync(IHelpWidgetBuilder builder)
    {
        // Every instance the test starts opens the same file, as instances of an app share one database.
        builder.AddSqliteStore(options => options.ConnectionString = _files.ConnectionString);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }
}

public sealed class SqliteArticleSignalSourceConformanceTests : ArticleSignalSourceConformanceTests
{
    private readonly SqliteTestFolder _files = new("hw-conformance-"); // a temporary folder, deleted in DisposeAsync

    protected override Task AddStoreAsync(IHelpWidgetBuilder builder)
    {
        // Every instance the test starts opens the same file, as instances of an app share one database.
        builder.AddSqliteStore(options => options.ConnectionString = _files.ConnectionString);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }
}
