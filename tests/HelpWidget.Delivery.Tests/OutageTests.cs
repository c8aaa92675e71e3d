using HelpWidget.Testing;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Delivery.Tests;

/// <summary>The real engine, SQLite file and webhook receiver through an outage of the receiver.</summary>
public sealed class OutageTests : IDisposable
{
    private const int AttemptFailedEvent = 22;
    private readonly SqliteTestFolder _files = new("hw-outage-");

    private string DatabasePath => _files.DatabasePath;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Outage_ReceiverDown_TicketsQueueThenArriveInSubmissionOrderEachCreatedOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await receiver.StopAsync();
        var logs = new RecordingLoggerProvider();
        using var host = await EngineHost.StartAsync(DatabasePath, receiver.Url, logs);
        var store = host.Services.GetRequiredService<IHelpStore>();
        var keys = Enumerable.Range(0, 30).Select(i => string.Create(CultureInfo.InvariantCulture, $"outage-{i:D2}")).ToList();

        foreach (var key in keys)
        {
            Assert.True((await store.SaveTicketAsync(TestTickets.Create(key), Token)).Created);
        }

        await logs.WaitForAsync(AttemptFailedEvent, count: 3, TimeSpan.FromSeconds(20));
        Assert.Equal(0, receiver.Requests);
        await receiver.StartAsync();
        await receiver.WaitUntilAsync(r => r.CaseCount == keys.Count, TimeSpan.FromSeconds(30));
        await host.StopAsync(Token);

        Assert.Equal(keys, receiver.CaseOrder);
        Assert.Equal((0, 0), (receiver.Duplicates, receiver.BadSignatures));
        Assert.Empty(await host.Services.GetRequiredService<ITicketDeadLetters>().GetAsync(cancellationToken: Token));
    }
}
