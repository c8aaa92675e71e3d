namespace HelpWidget.Components.Tests.Recording;

/// <summary>A sink that keeps the insight events the background writer hands it, and lets a test wait for a condition without sleeping.</summary>
internal sealed class RecordingSink : IHelpEventSink
{
    private readonly Lock _lock = new();
    private readonly List<HelpEvent> _events = [];
    private readonly List<(Func<IReadOnlyList<HelpEvent>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public string Name => "components-test";

    /// <summary>Gets the authentication state the test's components see (kept here: the test class's constructor passes one object to its base).</summary>
    public ComponentRecordingTests.TestAuthentication Authentication { get; } = new();

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

    /// <summary>Waits (at most 30 s) until an event satisfies <paramref name="match"/>, and returns it.</summary>
    public async Task<HelpEvent> WaitForAsync(Func<HelpEvent, bool> match)
    {
        await WaitUntilAsync(events => events.Any(match));
        return Events.First(match);
    }

    /// <summary>Waits (at most 30 s) until the events received satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<HelpEvent>> WaitUntilAsync(Func<IReadOnlyList<HelpEvent>, bool> condition)
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

        try
        {
            await done.Task.WaitAsync(TimeSpan.FromSeconds(30), Xunit.TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail("The expected events did not arrive within 30 s; received: " + string.Join(", ", Events.Select(e => $"{e.Kind}/{e.Source}/{e.ArticleId}")));
        }

        return Events;
    }
}
