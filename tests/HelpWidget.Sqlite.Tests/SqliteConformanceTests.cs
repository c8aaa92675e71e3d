using HelpWidget.Testing;

namespace HelpWidget.Sqlite.Tests;

/// <summary>The store contracts' conformance suites, each test on a new database file that every instance of the test shares.</summary>
public sealed class SqliteHelpStoreConformanceTests : HelpStoreConformanceTests
{
    private readonly SqliteTestFolder _files = new("hw-conformance-");

    protected override Task AddStoreAsync(IHelpWidgetBuilder builder) => SqliteConformance.AddStoreAsync(builder, _files);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }
}

public sealed class SqliteTicketOutboxConformanceTests : TicketOutboxConformanceTests
{
    private readonly SqliteTestFolder _files = new("hw-conformance-");

    protected override Task AddStoreAsync(IHelpWidgetBuilder builder) => SqliteConformance.AddStoreAsync(builder, _files);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }
}

public sealed class SqliteAnnouncementDismissalsConformanceTests : AnnouncementDismissalsConformanceTests
{
    private readonly SqliteTestFolder _files = new("hw-conformance-");

    protected override Task AddStoreAsync(IHelpWidgetBuilder builder) => SqliteConformance.AddStoreAsync(builder, _files);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }
}

public sealed class SqliteArticleSignalSourceConformanceTests : ArticleSignalSourceConformanceTests
{
    private readonly SqliteTestFolder _files = new("hw-conformance-");

    protected override Task AddStoreAsync(IHelpWidgetBuilder builder) => SqliteConformance.AddStoreAsync(builder, _files);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }
}

internal static class SqliteConformance
{
    /// <summary>Registers the store as an app does, on the test's file in a folder that does not exist yet.</summary>
    public static Task AddStoreAsync(IHelpWidgetBuilder builder, SqliteTestFolder files)
    {
        builder.AddSqliteStore(options => options.ConnectionString = $"Data Source={files.PathOf(Path.Combine("data", "help.db"))}");
        return Task.CompletedTask;
    }
}
