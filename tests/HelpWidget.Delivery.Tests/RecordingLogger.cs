using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Delivery.Tests;

/// <summary>Keeps every log entry and lets a test wait for entries of an event id.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConditionSignal _logged = new();

    public ConcurrentQueue<(EventId Id, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public int Count(int eventId) => Entries.Count(entry => entry.Id.Id == eventId);

    public Task WaitForAsync(int eventId, int count, TimeSpan timeout) => _logged.WaitUntilAsync(() => Count(eventId) >= count, timeout);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            provider.Entries.Enqueue((eventId, logLevel, formatter(state, exception), exception));
            provider._logged.Pulse();
        }
    }
}
