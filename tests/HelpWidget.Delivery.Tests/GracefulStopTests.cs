using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Delivery.Tests;

/// <summary>A host that stops while the real webhook sink waits for a real receiver's answer.</summary>
public sealed class GracefulStopTests : IDisposable
{
    private readonly SqliteTestFolder _files = new("hw-stop-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task StopAsync_DeliveryInFlight_HandsTheClaimBackDueAtOnceWithoutUsingAnAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.BeforeCreate = request =>
        {
            arrived.TrySetResult();
            return answer.Task.WaitAsync(request.HttpContext.RequestAborted);
        };
        var logs = new RecordingLoggerProvider();
        using var host = await EngineHost.StartAsync(_files.DatabasePath, receiver.Url, logs);
        await host.Services.GetRequiredService<IHelpStore>().SaveTicketAsync(TestTickets.Create("in-flight"), Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);

        await host.StopAsync(Token);
        answer.TrySetResult(200);

        var outbox = host.Services.GetRequiredService<ITicketOutbox>();
        var queue = Assert.Single(await host.Services.GetRequiredService<ITicketQueueView>().GetQueuesAsync(Token));
        Assert.Equal((WebhookSinkOptions.SinkName, 1, 0, 0), (queue.SinkName, queue.Pending, queue.InFlight, queue.DeadLetters));
        // Claimable at once (the lease is 10 s) and still the first attempt.
        var claim = await outbox.ClaimNextAsync(WebhookSinkOptions.SinkName, TimeSpan.FromSeconds(10), Token);
        Assert.Equal(("in-flight", 1), (claim.Delivery!.Delivery.Submission.IdempotencyKey, claim.Delivery.Delivery.Attempt));
        Assert.Equal(1, logs.Count(27));
        Assert.Equal(0, logs.Count(22) + logs.Count(24));
        Assert.Equal(0, receiver.CaseCount);
    }
}
