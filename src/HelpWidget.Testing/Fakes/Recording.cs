namespace HelpWidget.Testing;

/// <summary>What a fake received, and waiters that complete when it satisfies a condition; safe for concurrent use.</summary>
internal sealed class Recording<T>
{
    private readonly Lock _lock = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_lock)
            {
                return [.. _items];
            }
        }
    }

    public void Add(IEnumerable<T> items)
    {
        lock (_lock)
        {
            _items.AddRange(items);
            foreach (var waiter in _waiters.Where(w => w.Condition(_items)).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public async Task<IReadOnlyList<T>> WaitForAsync(Func<IReadOnlyList<T>, bool> condition, TimeSpan? timeout, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        (Func<IReadOnlyList<T>, bool>, TaskCompletionSource) waiter = (condition, done);
        lock (_lock)
        {
            if (condition(_items))
            {
                return [.. _items];
            }

            _waiters.Add(waiter);
        }

        var wait = timeout ?? TimeSpan.FromSeconds(30);
        try
        {
            await done.Task.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
                throw new TimeoutException($"Within {wait.TotalSeconds:0.#} s, the {_items.Count} {what} received did not satisfy the condition.");
            }
        }

        return Items;
    }
}
