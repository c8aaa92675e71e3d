using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.Delivery.Tests;

/// <summary>What an app gets when it starts: clear messages for wrong configuration, and the store as inbox without sinks.</summary>
public sealed class DeliveryStartupTests : IDisposable
{
    private readonly SqliteTestFolder _files = new("hw-start-");

    private string DatabasePath => _files.DatabasePath;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task StartAsync_InvalidDeliveryOptions_FailsNamingEveryWrongValue()
    {
        using var host = EngineHost.Build(DatabasePath, new Uri("http://127.0.0.1:9/tickets"), configure: builder => builder.ConfigureTicketDelivery(options =>
        {
            options.InitialDelay = TimeSpan.FromMinutes(10);
            options.MaxDelay = TimeSpan.FromMinutes(1);
            options.AttemptTimeout = TimeSpan.FromMinutes(5);
            options.LeaseDuration = TimeSpan.FromMinutes(2);
            options.MaxAttempts = 0;
        }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains("InitialDelay (00:10:00) must be positive and no longer than MaxDelay (00:01:00)", error.Message, StringComparison.Ordinal);
        Assert.Contains("AttemptTimeout (00:05:00) must be positive and shorter than LeaseDuration (00:02:00)", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxAttempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_TwoSinksWithOneName_FailsNamingIt()
    {
        using var host = EngineHost.Build(DatabasePath, webhookUrl: null, configure: builder => builder.AddTicketSink<FirstSink>().AddTicketSink<SecondSink>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Token));

        Assert.Contains("Two ticket sinks are named 'itsm'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SinkNameWithSpace_FailsNamingIt()
    {
        using var host = EngineHost.Build(DatabasePath, webhookUrl: null, configure: builder => builder.AddTicketSink<BadlyNamedSink>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Token));

        Assert.Contains("'help desk': a sink name must be 1 to 100 printable ASCII characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SinkWithoutAStoreThatQueues_FailsSayingWhichStoreToAdd()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddHelpWidget().AddTicketSink<FirstSink>();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Token));

        Assert.Contains("AddSqliteStore()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_DeliveryConfiguredWithoutSinksOrStore_StartsAndDeliversNothing()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddHelpWidget().ConfigureTicketDelivery(options => options.MaxAttempts = 3);
        using var host = builder.Build();

        await host.StartAsync(Token);
        await host.StopAsync(Token);

        Assert.Empty(host.Services.GetServices<ITicketSink>());
    }

    [Fact]
    public async Task Store_NoSinks_KeepsTicketsAsAnInboxAndRunsNoDispatcher()
    {
        using var host = await EngineHost.StartAsync(DatabasePath, webhookUrl: null);
        var store = host.Services.GetRequiredService<IHelpStore>();

        var receipt = await store.SaveTicketAsync(TestTickets.Create("inbox"), Token);
        var inbox = await host.Services.GetRequiredService<ITicketOutbox>().GetTicketsAsync(0, 10, Token);
        await host.StopAsync(Token);

        Assert.Empty(host.Services.GetRequiredService<IEnumerable<ITicketSink>>());
        Assert.Equal(receipt.Reference, Assert.Single(inbox).Reference);
        Assert.Empty(await host.Services.GetRequiredService<ITicketDeadLetters>().GetAsync(cancellationToken: Token));
    }

    private sealed class FirstSink : ITicketSink
    {
        public string Name => "itsm";

        public Task DeliverAsync(TicketDelivery delivery, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class SecondSink : ITicketSink
    {
        public string Name => "itsm";

        public Task DeliverAsync(TicketDelivery delivery, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class BadlyNamedSink : ITicketSink
    {
        public string Name => "help desk";

        public Task DeliverAsync(TicketDelivery delivery, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
