using Microsoft.Extensions.Logging;

namespace HelpWidget.Http;

/// <summary>
/// Online until a call finds the server unreachable; then offline, and probing the server by itself with back-off
/// (<see cref="HelpServerOptions.ProbeInterval"/> doubling up to <see cref="HelpServerOptions.MaxProbeInterval"/>) until
/// any call or probe gets an answer, so the widget recovers without a user action.
/// </summary>
internal sealed class HelpServerConnectivity : IHelpConnectivity, IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _firstDelay;
    private readonly TimeSpan _maxDelay;
    private readonly Func<CancellationToken, Task> _probe;
    private readonly ILogger _logger;
    private bool _online = true;
    private bool _disposed;
    private CancellationTokenSource? _probing;

    // The probe asks the server once; the call itself reports its outcome through ReportAnswered or ReportUnreachable.
    public HelpServerConnectivity(TimeProvider time, TimeSpan firstDelay, TimeSpan maxDelay, Func<CancellationToken, Task> probe, ILogger logger)
    {
        _time = time;
        _firstDelay = firstDelay;
        _maxDelay = maxDelay;
        _probe = probe;
        _logger = logger;
    }

    public event EventHandler? Changed;

    public bool IsOnline
    {
        get
        {
            lock (_gate)
            {
                return _online;
            }
        }
    }

    /// <summary>A call got an answer from the server.</summary>
    public void ReportAnswered()
    {
        CancellationTokenSource? probing;
        lock (_gate)
        {
            if (_online)
            {
                return;
            }

            _online = true;
            probing = _probing;
            _probing = null;
        }

        probing?.Cancel();
        probing?.Dispose();
        Log.BackOnline(_logger);
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>A call found the server unreachable or failing.</summary>
    public void ReportUnreachable()
    {
        CancellationTokenSource probing;
        lock (_gate)
        {
            if (!_online || _disposed)
            {
                return;
            }

            _online = false;
            probing = _probing = new CancellationTokenSource();
        }

        Log.WentOffline(_logger, _firstDelay);
        _ = ProbeUntilOnlineAsync(probing.Token);
        Changed?.Invoke(this, EventArgs.Empty);
    }

    public void Dispose()
    {
        CancellationTokenSource? probing;
        lock (_gate)
        {
            _disposed = true;
            probing = _probing;
            _probing = null;
        }

        probing?.Cancel();
        probing?.Dispose();
    }

    private async Task ProbeUntilOnlineAsync(CancellationToken cancellationToken)
    {
        // Probes keep to a schedule counted from going offline (2, 6, 14 ... seconds), however long each probe took.
        var delay = _firstDelay;
        var due = _time.GetUtcNow() + delay;
        try
        {
            while (true)
            {
                var wait = due - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    await _probe(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The probe's outcome was reported by the call itself; a failure only means: wait longer.
                }

                if (IsOnline)
                {
                    return;
                }

                delay = delay * 2 > _maxDelay ? _maxDelay : delay * 2;
                var now = _time.GetUtcNow();
                due = due + delay > now ? due + delay : now;
                Log.ProbeFailed(_logger, due - now);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Back online (a call got an answer) or disposed: probing is no longer needed.
        }
        catch (ObjectDisposedException)
        {
            // The app is shutting down.
        }
    }
}
