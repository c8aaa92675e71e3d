namespace HelpWidget.Http.Tests;

/// <summary>A sink on the help server beside its store: the writer hands it each batch after the store, so a test waits here without sleeping.</summary>
internal sealed class ReceivedEvents : IHelpEventSink
{
    private readonly Lock _lock = new();
    private readonly List<HelpEvent> _events = [];
    private readonly List<(Func<IReadOnlyList<HelpEvent>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public string Name => "http-test";

    public Task WriteAsync(IReadOnlyList<HelpEvent> events, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _events.AddRange(events);
            foreach (var waiter in _waiters.Where(w => w.Condition(_events)).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits (at most 30 s) until the events received satisfy <paramref name="condition"/>, and returns them.</summary>
    public async Task<IReadOnlyList<HelpEvent>> WaitForAsync(Func<IReadOnlyList<HelpEvent>, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(_events))
            {
                return [.. _events];
            }

            _waiters.Add((condition, done));
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        lock (_lock)
        {
            return [.. _events];
        }
    }
}
