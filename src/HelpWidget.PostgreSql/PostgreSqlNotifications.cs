using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HelpWidget.PostgreSql;

/// <summary>
/// One long-lived connection per store that listens for notifications (<c>LISTEN</c>) and hands each to the handlers
/// subscribed to its channel; it reconnects after a failure and then tells <see cref="Reconnected"/> handlers, since
/// notifications sent meanwhile are lost. The connection also holds this instance's advisory lock
/// (<see cref="InstanceId"/>), which other instances read to tell a live lease holder from a dead one.
/// </summary>
/// <remarks>
/// Started by the first <see cref="Subscribe"/> or <see cref="GetInstanceIdAsync"/>. Channels are shared by every schema of
/// a database: senders put their schema in the payload (<see cref="Payload"/>) and handlers ignore other schemas'.
/// </remarks>
internal sealed class PostgreSqlNotifications : IAsyncDisposable
{
    /// <summary>The channel of the delivery queue: deliveries were queued or released.</summary>
    public const string DeliveriesChannel = "helpwidget_deliveries";

    /// <summary>The second key of the instance locks lives in this first key's space ("HI").</summary>
    public const int InstanceLockSpace = 0x4849;

    private static readonly TimeSpan DefaultTickInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(2);

    private readonly PostgreSqlDatabase _database;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ImmutableHandlers> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _listening = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource<int> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private volatile bool _channelsChanged;
    private volatile Exception? _lastFailure;

    public PostgreSqlNotifications(PostgreSqlDatabase database, ILogger<PostgreSqlNotifications>? logger = null)
    {
        _database = database;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Occurs on the listening thread after a reconnection: notifications may have been missed. Handlers must return quickly.</summary>
    public event Action? Reconnected;

    /// <summary>Occurs on the listening thread about once per <see cref="TickInterval"/> while connected. Handlers must return quickly.</summary>
    public event Action? Tick;

    /// <summary>Gets or sets how long the listener waits for a notification before raising <see cref="Tick"/>.</summary>
    public TimeSpan TickInterval { get; init; } = DefaultTickInterval;

    /// <summary>Gets this instance's id while connected (the key of its advisory lock); 0 before.</summary>
    public int InstanceId { get; private set; }

    /// <summary>Gets a value indicating whether the listening connection is open.</summary>
    public bool IsConnected => _connected.Task.IsCompletedSuccessfully;

    /// <summary>The payload that names the sender's schema and instance, so that handlers can skip other schemas and their own.</summary>
    public static string Payload(string schema, int instanceId) => schema + "/" + instanceId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Calls <paramref name="handler"/> with the payload of every notification on <paramref name="channel"/> until the result is disposed.</summary>
    /// <param name="channel">A plain identifier (lower-case letters, digits, underscores).</param>
    /// <param name="handler">Runs on the listening thread; must return quickly and not throw.</param>
    public IDisposable Subscribe(string channel, Action<string> handler)
    {
        PostgreSqlIdentifier.Require(channel, nameof(channel));
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.AddOrUpdate(channel, _ => new ImmutableHandlers([handler]), (_, existing) => existing.With(handler));
        _channelsChanged = true;
        Start();
        return new Subscription(this, channel, handler);
    }

    /// <summary>Waits until the listening connection has run <c>LISTEN</c> on a subscribed channel.</summary>
    /// <exception cref="TimeoutException">The database could not be reached within <paramref name="timeout"/>.</exception>
    public async Task WaitUntilListeningAsync(string channel, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var listening = _listening.GetOrAdd(channel, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await listening.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"The PostgreSQL database of the HelpWidget store (schema '{_database.Schema}') could not be reached within {timeout.TotalSeconds:0} s.", ex);
        }
    }

    /// <summary>
    /// Waits until the listener is connected and holds its instance lock, and returns the instance id. While the
    /// listener is reconnecting after a failure, fails at once with that failure rather than waiting.
    /// </summary>
    /// <exception cref="TimeoutException">The database could not be reached within <paramref name="timeout"/>.</exception>
    /// <exception cref="NpgsqlException">The listener lost its connection and has not connected again yet.</exception>
    public async Task<int> GetInstanceIdAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Start();
        Task<int> connected;
        lock (_gate)
        {
            connected = _connected.Task;
        }

        if (!connected.IsCompleted && _lastFailure is { } failure)
        {
            throw new NpgsqlException($"The PostgreSQL database of the HelpWidget store (schema '{_database.Schema}') cannot be reached: {failure.Message}", failure);
        }

        try
        {
            return await connected.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new NpgsqlException($"The PostgreSQL database of the HelpWidget store (schema '{_database.Schema}') cannot be reached: {ex.Message}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"The PostgreSQL database of the HelpWidget store (schema '{_database.Schema}') could not be reached within {timeout.TotalSeconds:0} s.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is { } loop)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stopping.Dispose();
    }

    private void Start()
    {
        lock (_gate)
        {
            _loop ??= Task.Run(() => ListenAsync(_stopping.Token));
        }
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        var delay = ReconnectDelay;
        var first = true;
        while (!stopping.IsCancellationRequested)
        {
            NpgsqlConnection? connection = null;
            try
            {
                connection = await _database.DataSource.OpenConnectionAsync(stopping);
                connection.Notification += OnNotification;
                var instanceId = await LockInstanceAsync(connection, stopping);
                var listening = new HashSet<string>(StringComparer.Ordinal);
                await ListenToChannelsAsync(connection, listening, stopping);
                InstanceId = instanceId;
                _lastFailure = null;
                lock (_gate)
                {
                    _connected.TrySetResult(instanceId);
                }

                delay = ReconnectDelay;
                if (!first)
                {
                    Log.ListenerReconnected(_logger, _database.Schema);
                    Raise(Reconnected);
                }

                first = false;
                while (!stopping.IsCancellationRequested)
                {
                    if (_channelsChanged)
                    {
                        await ListenToChannelsAsync(connection, listening, stopping);
                    }

                    if (!await connection.WaitAsync(TickInterval, stopping))
                    {
                        // Idle: a query proves the connection (a silent network failure ends here), then the tick.
                        await using (var ping = new NpgsqlCommand("SELECT 1;", connection))
                        {
                            await ping.ExecuteScalarAsync(stopping);
                        }

                        Raise(Tick);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException or OperationCanceledException)
            {
                lock (_gate)
                {
                    // Those waiting for a connection learn of the failure now; later ones wait for the next attempt.
                    var waiting = _connected;
                    _connected = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                    if (waiting.TrySetException(ex))
                    {
                        _ = waiting.Task.Exception;
                    }
                }

                InstanceId = 0;
                _lastFailure = ex;

                // The store's pooled connections went with the server too: they are not handed out again.
                _database.DataSource.Clear();
                foreach (var channel in _listening.Keys)
                {
                    _listening.AddOrUpdate(
                        channel,
                        _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
                        (_, existing) => existing.Task.IsCompleted ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : existing);
                }

                Log.ListenerConnectionLost(_logger, _database.Schema, delay.TotalMilliseconds, ex.Message);
                try
                {
                    await Task.Delay(delay, TimeProvider.System, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
            finally
            {
                if (connection is not null)
                {
                    connection.Notification -= OnNotification;
                    await ReleaseAsync(connection);
                }
            }
        }
    }

    /// <summary>
    /// Ends the listening and gives up the instance lock before the connection goes back to its pool, where it would
    /// otherwise keep both until it is used again.
    /// </summary>
    private static async Task ReleaseAsync(NpgsqlConnection connection)
    {
        try
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var release = new NpgsqlCommand("UNLISTEN *; SELECT pg_advisory_unlock_all();", connection);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
        {
            // A broken connection has lost both with its session.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private async Task ListenToChannelsAsync(NpgsqlConnection connection, HashSet<string> listening, CancellationToken cancellationToken)
    {
        _channelsChanged = false;
        foreach (var channel in _handlers.Keys)
        {
            if (listening.Add(channel))
            {
                await using var listen = new NpgsqlCommand($"LISTEN {channel};", connection);
                await listen.ExecuteNonQueryAsync(cancellationToken);
            }

            _listening.GetOrAdd(channel, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>Takes a session advisory lock on a random id that no other live instance holds; it lasts as long as the connection.</summary>
    private static async Task<int> LockInstanceAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            var id = RandomNumberGenerator.GetInt32(1, int.MaxValue);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, $2);", connection);
            command.Parameters.AddWithValue(InstanceLockSpace);
            command.Parameters.AddWithValue(id);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return id;
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (_handlers.TryGetValue(e.Channel, out var handlers))
        {
            foreach (var handler in handlers.Items)
            {
                try
                {
                    handler(e.Payload);
                }
                catch (Exception ex)
                {
                    Log.NotificationHandlerFailed(_logger, e.Channel, ex);
                }
            }
        }
    }

    private void Raise(Action? handlers)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action>())
        {
            try
            {
                handler();
            }
            catch (Exception ex)
            {
                Log.NotificationHandlerFailed(_logger, "(listener)", ex);
            }
        }
    }

    private void Unsubscribe(string channel, Action<string> handler) =>
        _handlers.AddOrUpdate(channel, _ => new ImmutableHandlers([]), (_, existing) => existing.Without(handler));


    private sealed class ImmutableHandlers(Action<string>[] items)
    {
        public Action<string>[] Items { get; } = items;

        public ImmutableHandlers With(Action<string> handler) => new([.. Items, handler]);

        public ImmutableHandlers Without(Action<string> handler) => new([.. Items.Where(item => item != handler)]);
    }

    private sealed class Subscription(PostgreSqlNotifications owner, string channel, Action<string> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(channel, handler);
            }
        }
    }
}
