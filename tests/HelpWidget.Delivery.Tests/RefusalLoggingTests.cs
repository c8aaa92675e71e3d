using HelpWidget.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Delivery.Tests;

/// <summary>What an operator reads when a real webhook receiver refuses tickets: one line per refusal, no stack traces.</summary>
public sealed class RefusalLoggingTests : IDisposable
{
    private const int AttemptFailedEvent = 22;
    private const int DeadLetteredEvent = 23;
    private readonly SqliteTestFolder _files = new("hw-refusal-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Refusals_Receiver503Then400_AreLoggedAsOneLineEachWithoutStackTraces()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var unavailable = 2;
        receiver.BeforeCreate = request => Task.FromResult(
            request.Headers["Idempotency-Key"] == "refused" ? StatusCodes.Status400BadRequest
            : Interlocked.Decrement(ref unavailable) >= 0 ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK);
        var logs = new RecordingLoggerProvider();
        using var host = await EngineHost.StartAsync(_files.DatabasePath, receiver.Url, logs);
        var store = host.Services.GetRequiredService<IHelpStore>();

        await store.SaveTicketAsync(TestTickets.Create("accepted-later"), Token);
        await store.SaveTicketAsync(TestTickets.Create("refused"), Token);
        await logs.WaitForAsync(DeadLetteredEvent, count: 1, TimeSpan.FromSeconds(30));
        await host.StopAsync(Token);

        var failures = logs.Entries.Where(entry => entry.Id.Id == AttemptFailedEvent).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, failure =>
        {
            Assert.Equal(LogLevel.Warning, failure.Level);
            Assert.Null(failure.Exception);
            Assert.Contains("failed: The webhook answered 503 Service Unavailable. The next attempt is in", failure.Message, StringComparison.Ordinal);
        });
        var deadLetter = Assert.Single(logs.Entries, entry => entry.Id.Id == DeadLetteredEvent);
        Assert.Null(deadLetter.Exception);
        Assert.EndsWith("is now a dead letter: The webhook answered 400 Bad Request.", deadLetter.Message, StringComparison.Ordinal);
        Assert.Equal(["accepted-later"], receiver.CaseOrder);
    }

    [Fact]
    public async Task Refusals_ReceiverUnreachable_IsLoggedWithoutAStackTrace()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await receiver.StopAsync();
        var logs = new RecordingLoggerProvider();
        using var host = await EngineHost.StartAsync(_files.DatabasePath, receiver.Url, logs);

        await host.Services.GetRequiredService<IHelpStore>().SaveTicketAsync(TestTickets.Create("unreachable"), Token);
        await logs.WaitForAsync(AttemptFailedEvent, count: 1, TimeSpan.FromSeconds(30));
        await host.StopAsync(Token);

        var failure = logs.Entries.First(entry => entry.Id.Id == AttemptFailedEvent);
        Assert.Null(failure.Exception);
        Assert.Contains("The webhook could not be reached:", failure.Message, StringComparison.Ordinal);
    }
}
