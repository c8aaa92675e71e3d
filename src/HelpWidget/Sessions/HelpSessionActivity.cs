namespace HelpWidget;

/// <summary>
/// What the user did in the panel during this help session (searches tried, articles read, answers given), as the
/// widget recorded it. It travels with a ticket, so support need not ask what the user already tried. Read-only
/// for apps: only the widget's components record into it. Get it from <see cref="HelpSession.Activity"/>.
/// </summary>
/// <remarks>Not thread-safe: read it from the UI's synchronisation context, as Blazor components do.</remarks>
public sealed class HelpSessionActivity
{
    /// <summary>The number of searches, articles and votes kept; older entries are dropped.</summary>
    public const int MaxEntries = 10;

    private readonly List<string> _searches = [];
    private readonly List<string> _articles = [];
    private readonly List<ArticleFeedback> _votes = [];
    private string? _lastQuery;

    internal HelpSessionActivity()
    {
    }

    /// <summary>Gets the searches tried, oldest first, each with its number of results, such as <c>vpn (3)</c>.</summary>
    public IReadOnlyList<string> Searches => _searches;

    /// <summary>Gets the ids of the articles read, oldest first.</summary>
    public IReadOnlyList<string> Articles => _articles;

    /// <summary>Gets the answers to "Was this helpful?" given, oldest first (the last answer per article).</summary>
    public IReadOnlyList<ArticleFeedback> Votes => _votes;

    /// <summary>Gets the number of times in this session an article suggested on the contact form solved the problem.</summary>
    public int Deflections { get; private set; }

    /// <summary>Whether the user has tried self-service yet: searched or read an article.</summary>
    internal bool HasSelfService => _searches.Count > 0 || _articles.Count > 0;

    /// <summary>Adds a search; one that refines the previous one (typing on) replaces it.</summary>
    /// <returns>The text kept: trimmed, at most 200 characters.</returns>
    internal string AddSearch(string query, int results)
    {
        var text = query.Trim();
        if (text.Length > 200)
        {
            text = text[..200];
        }

        var entry = $"{text} ({results})";
        if (_lastQuery is not null && _searches.Count > 0 && text.StartsWith(_lastQuery, StringComparison.OrdinalIgnoreCase))
        {
            _searches[^1] = entry;
        }
        else
        {
            Add(_searches, entry);
        }

        _lastQuery = text;
        return text;
    }

    internal void AddArticle(string articleId)
    {
        _articles.Remove(articleId);
        Add(_articles, articleId);
    }

    internal void AddVote(ArticleFeedback feedback)
    {
        _votes.RemoveAll(v => v.ArticleId == feedback.ArticleId);
        Add(_votes, feedback);
    }

    internal void AddDeflection() => Deflections++;

    private static void Add<T>(List<T> list, T entry)
    {
        list.Add(entry);
        if (list.Count > MaxEntries)
        {
            list.RemoveAt(0);
        }
    }
}
