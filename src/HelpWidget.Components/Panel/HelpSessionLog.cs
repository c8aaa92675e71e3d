namespace HelpWidget.Components;

/// <summary>What the user did in this help session (searches tried, articles read), sent with a ticket so they need not repeat it.</summary>
public sealed class HelpSessionLog
{
    /// <summary>The number of searches and of articles kept; older entries are dropped.</summary>
    public const int MaxEntries = 10;

    private readonly List<string> _searches = [];
    private readonly List<string> _articles = [];
    private string? _lastQuery;

    /// <summary>Gets the searches tried, oldest first, each with its number of results, such as <c>vpn (3)</c>.</summary>
    public IReadOnlyList<string> Searches => _searches;

    /// <summary>Gets the ids of the articles read, oldest first.</summary>
    public IReadOnlyList<string> Articles => _articles;

    /// <summary>Records a search; a query that refines the previous one (typing on) replaces it.</summary>
    /// <param name="query">The query.</param>
    /// <param name="results">The number of results it found.</param>
    public void AddSearch(string query, int results)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query.Trim();
        if (text.Length > 200)
        {
            text = text[..200];
        }

        var entry = $"{text} ({results})";
        if (_lastQuery is not null && text.StartsWith(_lastQuery, StringComparison.OrdinalIgnoreCase) && _searches.Count > 0)
        {
            _searches[^1] = entry;
        }
        else
        {
            Add(_searches, entry);
        }

        _lastQuery = text;
    }

    /// <summary>Records that an article was read.</summary>
    /// <param name="id">The article's id.</param>
    public void AddArticle(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _articles.Remove(id);
        Add(_articles, id);
    }

    private static void Add(List<string> list, string entry)
    {
        list.Add(entry);
        if (list.Count > MaxEntries)
        {
            list.RemoveAt(0);
        }
    }
}
