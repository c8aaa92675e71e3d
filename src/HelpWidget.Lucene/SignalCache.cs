using Microsoft.Extensions.Logging;

namespace HelpWidget.Lucene;

/// <summary>
/// The latest article signals from the store. A search never waits for the store: it uses what is cached and,
/// when that is older than <see cref="RefreshInterval"/>, starts a refresh in the background.
/// </summary>
internal sealed class SignalCache(IArticleSignalSource? source, TimeProvider time, ILogger logger, TimeSpan? refreshInterval = null)
{
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(1);

    public TimeSpan RefreshInterval { get; } = refreshInterval ?? DefaultRefreshInterval;

    private static readonly IReadOnlyDictionary<string, ArticleSignals> s_none = new Dictionary<string, ArticleSignals>();
    private readonly Lock _lock = new();
    private volatile IReadOnlyDictionary<string, ArticleSignals> _current = s_none;
    private DateTimeOffset _dueAt = DateTimeOffset.MinValue;
    private Task _refreshing = Task.CompletedTask;
    private bool _loaded;

    /// <summary>Occurs after a refresh that changed the searches learned for any article, which the index holds.</summary>
    public event EventHandler? LearnedChanged;

    /// <summary>Gets the refresh in progress, or a completed task.</summary>
    public Task Refreshing
    {
        get
        {
            lock (_lock)
            {
                return _refreshing;
            }
        }
    }

    public IReadOnlyDictionary<string, ArticleSignals> Current
    {
        get
        {
            if (source is not null)
            {
                lock (_lock)
                {
                    if (_refreshing.IsCompleted && time.GetUtcNow() >= _dueAt)
                    {
                        _dueAt = time.GetUtcNow() + RefreshInterval;
                        _refreshing = Task.Run(RefreshAsync);
                    }
                }
            }

            return _current;
        }
    }

    /// <summary>Loads the signals once if they have never been loaded, so the first index holds what was learned.</summary>
    public async Task EnsureLoadedAsync()
    {
        if (source is not null && !_loaded)
        {
            lock (_lock)
            {
                // A search right after the first build does not read them again.
                _dueAt = time.GetUtcNow() + RefreshInterval;
            }

            await RefreshAsync();
        }
    }

    /// <summary>Loads the signals now.</summary>
    public async Task RefreshAsync()
    {
        try
        {
            var previous = _current;
            _current = await source!.GetArticleSignalsAsync();
            var wasLoaded = _loaded;
            _loaded = true;
            if (wasLoaded && !SameLearned(previous, _current))
            {
                LearnedChanged?.Invoke(this, EventArgs.Empty);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Ranking works without signals; the next refresh tries again.
            Log.SignalsFailed(logger, ex);
        }
    }

    private static bool SameLearned(IReadOnlyDictionary<string, ArticleSignals> a, IReadOnlyDictionary<string, ArticleSignals> b)
    {
        static IEnumerable<KeyValuePair<string, ArticleSignals>> Learned(IReadOnlyDictionary<string, ArticleSignals> signals) =>
            signals.Where(entry => entry.Value.HelpfulQueries.Count > 0);

        return Learned(a).Count() == Learned(b).Count()
            && Learned(a).All(entry => b.TryGetValue(entry.Key, out var other) && entry.Value.HelpfulQueries.SequenceEqual(other.HelpfulQueries, StringComparer.Ordinal));
    }
}
