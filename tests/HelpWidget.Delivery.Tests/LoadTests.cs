using HelpWidget.Testing;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Delivery.Tests;

/// <summary>Runs alone, after the other tests, so that its throughput figure is not shared with them.</summary>
[CollectionDefinition(nameof(LoadTests), DisableParallelization = true)]
public sealed class LoadTestGroup;

/// <summary>The real engine, SQLite file and webhook receiver under concurrent submissions.</summary>
[Collection(nameof(LoadTests))]
public sealed class LoadTests : IDisposable
{
    private readonly SqliteTestFolder _files = new("hw-load-");

    private string DatabasePath => _files.DatabasePath;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Load_200ConcurrentSubmissions_AreStoredOnceEachAndAllDelivered()
    {
        const int Count = 200;
        await using var receiver = await WebhookReceiver.StartAsync();
        using var host = await EngineHost.StartAsync(DatabasePath, receiver.Url);
        var store = host.Services.GetRequiredService<IHelpStore>();
        var keys = Enumerable.Range(0, Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"load-{i:D3}")).ToList();

        var started = Stopwatch.GetTimestamp();
        var receipts = await Task.WhenAll(keys.Select(key => Task.Run(() => store.SaveTicketAsync(TestTickets.Create(key), Token), Token)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var replays = await Task.WhenAll(keys.Select(key => Task.Run(() => store.SaveTicketAsync(TestTickets.Create(key), Token), Token)));
        await receiver.WaitUntilAsync(r => r.CaseCount == Count, TimeSpan.FromSeconds(60));
        await host.StopAsync(Token);

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"LOAD: {Count} concurrent submissions stored in {elapsed.TotalMilliseconds:F0} ms = {Count / elapsed.TotalSeconds:F0} submissions/s (SQLite WAL, dispatcher delivering meanwhile)"));
        Assert.All(receipts, receipt => Assert.True(receipt.Created));
        Assert.Equal(Count, receipts.Select(receipt => receipt.Reference).Distinct().Count());
        Assert.All(replays, replay => Assert.False(replay.Created));
        Assert.Equal(receipts.Select(r => r.Reference).Order(), replays.Select(r => r.Reference).Order());
        var outbox = host.Services.GetRequiredService<ITicketOutbox>();
        var stored = (await outbox.GetTicketsAsync(0, 100, Token)).Concat(await outbox.GetTicketsAsync(100, 100, Token)).Concat(await outbox.GetTicketsAsync(200, 100, Token));
        Assert.Equal(keys, stored.Select(ticket => ticket.Submission.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.Equal(keys, receiver.CaseOrder.Order(StringComparer.Ordinal));
        Assert.Equal(0, receiver.Duplicates);
    }
}
