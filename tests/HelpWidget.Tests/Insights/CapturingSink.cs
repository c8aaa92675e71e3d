namespace HelpWidget.Tests.Insights;

/// <summary>A sink that keeps what it receives and lets a test wait, without sleeping, until a condition holds.</summary>
internal sealed class CapturingSink(string name = "capture") : IHelpEventSink
{
    private readonly Lock _lock = new();
    private readonly List<HelpEvent> _events = [];
    private readonly List<(Func<IReadOnlyList<HelpEvent>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public string Name { get; } = name;

    /// <summary>Gets or sets what a write does before it keeps the batch; a test throws here to make the sink fail.</summary>
    public Action<IReadOnlyList<HelpEvent>>? OnWrite { get; set; }

    public IReadOnlyList<HelpEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public Task WriteAsync(IReadOnlyList<HelpEvent> events, CancellationToken cancellationToken = default)
    {
        OnWrite?.Invoke(events);
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

    /// <summary>Waits until the events received satisfy <paramref name="condition"/> (at most 10 s, then fails).</summary>
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

        await done.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return Events;
    }
}
