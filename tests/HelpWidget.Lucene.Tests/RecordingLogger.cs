using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Lucene.Tests;

/// <summary>A logger that keeps every entry, for tests that check what an operator is told.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Event, IReadOnlyDictionary<string, object?> Values)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
        Entries.Enqueue((logLevel, eventId.Name ?? string.Empty, values));
    }

    /// <summary>The values of the entries of one event, oldest first.</summary>
    public List<IReadOnlyDictionary<string, object?>> Of(string eventName) => [.. Entries.Where(e => e.Event == eventName).Select(e => e.Values)];
}
