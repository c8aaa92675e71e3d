using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HelpWidget.PostgreSql.Search;

/// <summary>
/// The articles of the <c>articles</c> table, for a search engine that indexes them itself. The first load reads them
/// all; each later load reads only the rows whose version is newer than the newest it holds, and returns the same
/// article objects for the rest, so an engine that compares by reference (the embedded Lucene engine) re-indexes only
/// what changed. A notification on <see cref="Channel"/> from a publisher on any instance raises
/// <see cref="ArticlesChanged"/>, and so does the listener's reconnection (notifications sent meanwhile are lost); a
/// poll every <see cref="PostgreSqlArticleOptions.PollInterval"/> catches any other miss, such as a change published
/// between the first load and the listener's first connection.
/// </summary>
internal sealed class PostgreSqlArticleSource : IArticleSource, IDisposable
{
    /// <summary>The notification channel publishers notify after a change, with the newest version as the payload.</summary>
    public const string Channel = "helpwidget_articles";

    /// <summary>How long the first load waits for the listener.</summary>
    private static readonly TimeSpan ListenWait = TimeSpan.FromSeconds(10);

    private readonly ArticleTable _table;
    private readonly PostgreSqlNotifications _notifications;
    private readonly string _schemaPrefix;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly IDisposable? _subscription;
    private readonly ITimer? _poll;
    private Dictionary<(string Language, string Id), HelpArticle> _byKey = [];
    private IReadOnlyList<HelpArticle>? _loaded;
    private long _version;

    public PostgreSqlArticleSource(ArticleTable table, PostgreSqlDatabase database, PostgreSqlNotifications notifications, IOptions<PostgreSqlArticleOptions> options, TimeProvider time, ILogger<PostgreSqlArticleSource> logger)
    {
        _table = table;
        _notifications = notifications;
        _schemaPrefix = database.Schema + "/";
        _logger = logger;
        _subscription = notifications.Subscribe(Channel, OnNotified);
        notifications.Reconnected += OnReconnected;
        var interval = options.Value.PollInterval;
        if (interval > TimeSpan.Zero)
        {
            _poll = time.CreateTimer(_ => _ = PollAsync(), null, interval, interval);
        }
    }

    /// <inheritdoc />
    public event EventHandler? ArticlesChanged;

    /// <summary>Gets the newest version the last load saw, 0 before the first.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <inheritdoc />
    public async Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded is null)
            {
                await WaitUntilListeningAsync(cancellationToken);
            }

            var since = _loaded is null ? 0 : _version;
            var changes = await _table.ReadChangesAsync(since, cancellationToken);
            if (changes.Newest < since)
            {
                // The table was emptied or made anew (its versions started again): read it whole.
                changes = await _table.ReadChangesAsync(0, cancellationToken);
                since = 0;
            }

            if (since == 0)
            {
                _byKey = [];
            }

            foreach (var row in changes.Rows)
            {
                if (row.Article is { } article)
                {
                    _byKey[(row.Language, row.Id)] = article;
                }
                else
                {
                    _byKey.Remove((row.Language, row.Id));
                }
            }

            foreach (var (language, id) in changes.Unreadable)
            {
                _byKey.Remove((language, id));
                Log.ArticleUnreadable(_logger, language, id);
            }

            if (_loaded is null || changes.Rows.Count > 0 || changes.Unreadable.Count > 0 || since == 0)
            {
                _loaded = [.. _byKey.Values];
            }

            Interlocked.Exchange(ref _version, Math.Max(changes.Newest, since));
            Log.ArticlesRead(_logger, changes.Rows.Count, _loaded.Count, _version);
            return _loaded;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// Lets the first load start once this instance listens, so that no publish falls between the load and the
    /// listening; when the listener is slow to connect the load goes ahead, and the poll catches what falls between.
    /// </summary>
    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _notifications.WaitUntilListeningAsync(Channel, ListenWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            Log.ListenerSlow(_logger, ListenWait);
        }
    }

    public void Dispose()
    {
        _notifications.Reconnected -= OnReconnected;
        _subscription?.Dispose();
        _poll?.Dispose();
        _loading.Dispose();
    }

    /// <summary>A publish in this schema (the payload is <c>schema/version</c>; every schema of the database shares the channel).</summary>
    private void OnNotified(string payload)
    {
        if (!payload.StartsWith(_schemaPrefix, StringComparison.Ordinal))
        {
            return;
        }

        // A version that is not a number (sent by hand) still means "look"; one this instance holds already does not.
        if (long.TryParse(payload.AsSpan(_schemaPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            && version <= Version)
        {
            return;
        }

        ArticlesChanged?.Invoke(this, EventArgs.Empty);
    }

    private void OnReconnected()
    {
        if (_loaded is not null)
        {
            ArticlesChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    private async Task PollAsync()
    {
        if (_loaded is null)
        {
            return;
        }

        try
        {
            var newest = await _table.ReadNewestVersionAsync(CancellationToken.None);
            if (newest != Version)
            {
                Log.ChangeFoundByPoll(_logger, newest);
                ArticlesChanged?.Invoke(this, EventArgs.Empty);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or ObjectDisposedException)
        {
            Log.PollFailed(_logger, ex);
        }
    }
}
