namespace HelpWidget;

/// <summary>Provides data for <see cref="HelpSession.Searched"/>: a search the user made in the panel.</summary>
public sealed class HelpSearchedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="HelpSearchedEventArgs"/> class.</summary>
    /// <param name="query">The text searched for, trimmed.</param>
    /// <param name="resultCount">The number of results.</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resultCount"/> is negative.</exception>
    public HelpSearchedEventArgs(string query, int resultCount)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(resultCount);
        Query = query;
        ResultCount = resultCount;
    }

    /// <summary>Gets the text searched for, trimmed and at most 200 characters. It is what the user typed: do not log it above Trace.</summary>
    public string Query { get; }

    /// <summary>Gets the number of results.</summary>
    public int ResultCount { get; }
}
