using HelpWidget.Testing;
using System.Globalization;

namespace HelpWidget.Delivery.Tests;

/// <summary>
/// A real app process (engine, SQLite file, webhook sink) is killed with SIGKILL in the middle of a delivery and
/// started again: every ticket must reach the receiver, which creates each case exactly once.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Tickets = 250;
    private const int KillAfter = 100;
    private readonly SqliteTestFolder _files = new("hw-crash-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Crash_ProcessKilledDuringADelivery_EveryTicketArrivesAfterRestartAndEachCaseIsCreatedOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var killPoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The case is created, then the answer is held until the process is dead: the worst moment to crash.
        receiver.AfterCreate = async (count, _) =>
        {
            if (count == KillAfter)
            {
                killPoint.TrySetResult();
                await killed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        };

        using (var first = StartApp(receiver.Url))
        {
            try
            {
                await killPoint.Task.WaitAsync(TimeSpan.FromSeconds(60), Token);
                Assert.Equal(KillAfter, receiver.CaseCount);
                await first.KillAsync();
            }
            finally
            {
                killed.TrySetResult();
            }

            Assert.Equal($"queued {Tickets} new tickets of {Tickets}", first.Output.First());
        }

        using (var second = StartApp(receiver.Url))
        {
            await receiver.WaitUntilAsync(r => r.CaseCount == Tickets, TimeSpan.FromSeconds(60));
            await second.KillAsync();
            Assert.Equal($"queued 0 new tickets of {Tickets}", second.Output.First());
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"CRASH: killed after {KillAfter} of {Tickets} cases; {receiver.Requests} requests in all; {receiver.Duplicates} redelivery(ies) of a case already created, answered without creating it again."));
        Assert.Equal(Enumerable.Range(0, Tickets).Select(i => string.Create(CultureInfo.InvariantCulture, $"crash-{i:D4}")), receiver.CaseOrder);
        Assert.InRange(receiver.Duplicates, 1, 3);
        Assert.Equal(Tickets + receiver.Duplicates, receiver.Requests);
        Assert.Equal(0, receiver.BadSignatures);
    }

    private AppProcess StartApp(Uri url) => AppProcess.Start(
        _files.Folder,
        [_files.PathOf("help.db"), url.ToString(), WebhookReceiver.Secret, Tickets.ToString(CultureInfo.InvariantCulture)]);
}
