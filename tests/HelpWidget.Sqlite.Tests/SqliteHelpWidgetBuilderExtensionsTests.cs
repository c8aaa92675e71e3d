using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Sqlite.Tests;

/// <summary>The store needs only the contracts: a builder that is not the engine's registers a working store.</summary>
public sealed class SqliteHelpWidgetBuilderExtensionsTests : IDisposable
{
    private readonly SqliteTestFolder _files = new("hw-sqlite-builder-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task AddSqliteStore_OnABuilderWithoutTheEngine_StoresATicketAndIsTheOutbox()
    {
        var services = new ServiceCollection();
        new ThirdPartyBuilder(services).AddSqliteStore(options => options.ConnectionString = _files.ConnectionString);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var store = provider.GetRequiredService<IHelpStore>();
        var receipt = await store.SaveTicketAsync(new TicketSubmission
        {
            IdempotencyKey = "builder-1",
            Subject = "Printer on floor 3",
            Description = "It jams on every page.",
            Name = "Alex Lindqvist",
            Email = "alex@example.com",
            Language = "en",
            SubmittedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
        }, Token);

        Assert.Equal(receipt.Reference, (await store.GetTicketAsync(receipt.Reference, Token))?.Reference);
        Assert.Same(store, provider.GetRequiredService<ITicketOutbox>());
    }

    [Fact]
    public void AddSqliteStore_NullBuilder_Throws() =>
        Assert.Throws<ArgumentNullException>("builder", () => SqliteHelpWidgetBuilderExtensions.AddSqliteStore(null!));

    private sealed class ThirdPartyBuilder(IServiceCollection services) : IHelpWidgetBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
