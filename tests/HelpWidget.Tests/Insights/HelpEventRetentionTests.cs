using HelpWidget.Insights;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Tests.Insights;

public sealed class HelpEventRetentionTests
{
    [Fact]
    public async Task Retention_DeletesWhatIsOlderThanThePeriod_AtStartAndEveryInterval()
    {
        var time = new FakeTimeProvider(InsightsHost.Start);
        var store = new RecordingStore();
        var runs = new List<int>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var retention = new HelpEventRetention(
            Options.Create(new HelpInsightsOptions { RetentionPeriod = TimeSpan.FromDays(400), RetentionInterval = TimeSpan.FromHours(6) }),
            time,
            NullLogger<HelpEventRetention>.Instance,
            store)
        {
            Deleted = count =>
            {
                runs.Add(count);
                (runs.Count == 1 ? first : second).TrySetResult();
            },
        };

        await retention.StartAsync(TestContext.Current.CancellationToken);
        await first.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromHours(6));
        await second.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await retention.StopAsync(CancellationToken.None);

        Assert.Equal([InsightsHost.Start.AddDays(-400), InsightsHost.Start.AddDays(-400).AddHours(6)], store.Cutoffs.Take(2));
    }

    [Fact]
    public async Task AFailingStore_IsLogged_AndNothingThrows()
    {
        var store = new RecordingStore { Fail = true };
        using var retention = new HelpEventRetention(Options.Create(new HelpInsightsOptions()), TimeProvider.System, NullLogger<HelpEventRetention>.Instance, store);

        await retention.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Single(store.Cutoffs);
    }

    private sealed class RecordingStore : IHelpEventStore
    {
        public List<DateTimeOffset> Cutoffs { get; } = [];

        public bool Fail { get; init; }

        public string Name => "recording";

        public Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
        {
            lock (Cutoffs)
            {
                Cutoffs.Add(cutoff);
            }

            return Fail ? Task.FromException<int>(new IOException("locked")) : Task.FromResult(3);
        }

        public Task<HelpInsightsReport> GetReportAsync(HelpInsightsQuery query, CancellationToken cancellationToken = default) => Task.FromResult(HelpInsightsCalculator.Calculate([], query));

        public Task<byte[]> GetOrCreateUserKeySecretAsync(CancellationToken cancellationToken = default) => Task.FromResult(new byte[32]);

        public Task WriteAsync(IReadOnlyList<HelpEvent> events, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
