namespace HelpWidget.AspNetCore.Tests;

/// <summary>A sink beside the server's store: the writer hands it each batch after the store, so a test waits here without sleeping.</summary>
internal sealed class EventSink : IHelpEventSink
{
    private readonly Lock _lock = new();
    private readonly List<HelpEvent> _events = [];
    private readonly List<(Func<IReadOnlyList<HelpEvent>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public string Name => "api-test";

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

    /// <summary>Waits (at most 30 s) until <paramref name="count"/> events match <paramref name="match"/>, and returns them.</summary>
    public async Task<IReadOnlyList<HelpEvent>> WaitForAsync(Func<HelpEvent, bool> match, int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_events.Count(match) >= count)
            {
                return [.. _events.Where(match)];
            }

            _waiters.Add((events => events.Count(match) >= count, done));
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        lock (_lock)
        {
            return [.. _events.Where(match)];
        }
    }
}
