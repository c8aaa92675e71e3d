using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Http.Tests;

/// <summary>The offline signal: raised on changes only, and probing with back-off on the app's clock until the server answers.</summary>
public sealed class HelpServerConnectivityTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly Channel<TimeSpan> _probes = Channel.CreateUnbounded<TimeSpan>();
    private readonly HelpServerConnectivity _connectivity;
    private readonly DateTimeOffset _start;
    private bool _serverBack;

    public HelpServerConnectivityTests()
    {
        _start = _time.GetUtcNow();
        _connectivity = new HelpServerConnectivity(_time, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), ProbeAsync, NullLogger.Instance);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Reports_RepeatedUnreachableAndAnswered_RaiseChangedOnTransitionsOnly()
    {
        var changes = new List<bool>();
        _connectivity.Changed += (_, _) => changes.Add(_connectivity.IsOnline);

        _connectivity.ReportAnswered();
        _connectivity.ReportUnreachable();
        _connectivity.ReportUnreachable();
        _connectivity.ReportAnswered();
        _connectivity.ReportAnswered();

        Assert.Equal([false, true], changes);
        Assert.True(_connectivity.IsOnline);
    }

    [Fact]
    public async Task Offline_ServerStaysAway_ProbesAfter2Then4Then8ThenEvery10Seconds()
    {
        _connectivity.ReportUnreachable();

        foreach (var wait in new[] { 2, 4, 8, 10, 10 })
        {
            _time.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromMilliseconds(1));
            Assert.False(_probes.Reader.TryRead(out _), $"probed before {wait} s had passed");
            _time.Advance(TimeSpan.FromMilliseconds(1));
            await _probes.Reader.ReadAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Token);
        }

        Assert.Equal(TimeSpan.FromSeconds(34), _time.GetUtcNow() - _start);
        Assert.False(_connectivity.IsOnline);
    }

    [Fact]
    public async Task Offline_ProbeFindsTheServer_GoesOnlineAndStopsProbing()
    {
        var online = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connectivity.Changed += (_, _) =>
        {
            if (_connectivity.IsOnline)
            {
                online.TrySetResult();
            }
        };
        _connectivity.ReportUnreachable();
        _serverBack = true;

        _time.Advance(TimeSpan.FromSeconds(2));
        await online.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await _probes.Reader.ReadAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Token);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.True(_connectivity.IsOnline);
        Assert.False(_probes.Reader.TryRead(out _));
    }

    [Fact]
    public void Offline_AnotherCallGetsAnAnswerFirst_ProbingStops()
    {
        _connectivity.ReportUnreachable();
        _connectivity.ReportAnswered();

        _time.Advance(TimeSpan.FromHours(1));

        Assert.False(_probes.Reader.TryRead(out _));
    }

    [Fact]
    public void Dispose_WhileOffline_StopsProbing()
    {
        _connectivity.ReportUnreachable();

        _connectivity.Dispose();
        _time.Advance(TimeSpan.FromHours(1));

        Assert.False(_probes.Reader.TryRead(out _));
    }

    public void Dispose() => _connectivity.Dispose();

    private Task ProbeAsync(CancellationToken cancellationToken)
    {
        _probes.Writer.TryWrite(_time.GetUtcNow() - _start);
        if (_serverBack)
        {
            _connectivity.ReportAnswered();
        }

        return Task.CompletedTask;
    }
}
