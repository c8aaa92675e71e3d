namespace HelpWidget.Http;

/// <summary>
/// The last answers received, by key, for <see cref="HelpServerOptions.CacheDuration"/>; at most
/// <see cref="HelpServerOptions.MaxCacheEntries"/> entries, the least recently used forgotten first. Safe for concurrent use.
/// </summary>
internal sealed class ResponseCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;
    private readonly int _capacity;

    public ResponseCache(TimeProvider time, TimeSpan duration, int capacity)
    {
        _time = time;
        _duration = duration;
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public void Set(string key, object? value)
    {
        if (_duration <= TimeSpan.Zero)
        {
            return;
        }

        var entry = new Entry(key, value, _time.GetUtcNow() + _duration);
        lock (_gate)
        {
            if (_entries.Remove(key, out var old))
            {
                _recency.Remove(old);
            }

            _entries[key] = _recency.AddFirst(entry);
            while (_entries.Count > _capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
            }
        }
    }

    public bool TryGet<T>(string key, out T? value)
    {
        value = default;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return false;
            }

            if (node.Value.Expires <= _time.GetUtcNow())
            {
                _entries.Remove(key);
                _recency.Remove(node);
                return false;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            value = (T?)node.Value.Value;
            return true;
        }
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            if (_entries.Remove(key, out var node))
            {
                _recency.Remove(node);
            }
        }
    }

    private sealed record Entry(string Key, object? Value, DateTimeOffset Expires);
}
