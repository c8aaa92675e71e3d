using Microsoft.Extensions.Logging;

namespace HelpWidget.Lucene;

/// <summary>
/// The latest article signals from the store. A search never waits for the store: it uses what is cached and,
/// when that is older than <see cref="RefreshInterval"/>, starts a refresh in the background.
/// </summary>
internal sealed class SignalCache(IArticleSignalSource? source, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private static readonly IReadOnlyDictionary<string, ArticleSignals> s_none = new Dictionary<string, ArticleSignals>();
    private readonly Lock _lock = new();
    private volatile IReadOnlyDictionary<string, ArticleSignals> _current = s_none;
    private DateTimeOffset _dueAt = DateTimeOffset.MinValue;
    private Task _refreshing = Task.CompletedTask;

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

    /// <summary>Loads the signals now.</summary>
    public async Task RefreshAsync()
    {
        try
        {
            _current = await source!.GetArticleSignalsAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Ranking works without signals; the next refresh tries again.
            Log.SignalsFailed(logger, ex);
        }
    }
}
