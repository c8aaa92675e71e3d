namespace HelpWidget;

/// <summary>
/// One user's help session in the host app: what the panel should do, what the user did (searches tried,
/// articles read, answers given) and the help contexts the current page declared. Registered as a scoped
/// service by <c>AddHelpWidget()</c>, so in a Blazor app it lives as long as the user's circuit and survives
/// page navigations.
/// </summary>
/// <remarks>
/// Apps inject it to drive the widget (<see cref="OpenAsync"/>, <see cref="SearchAsync"/>,
/// <see cref="ShowArticleAsync"/>, <see cref="StartContactAsync"/>, <see cref="CloseAsync"/>) and to observe it
/// (<see cref="Opened"/>, <see cref="Searched"/>, <see cref="ArticleViewed"/>, <see cref="Voted"/>,
/// <see cref="TicketCreated"/>, <see cref="Closed"/>). The widget's components carry out the requests and
/// report what happens through the <c>Record…</c> methods. Not thread-safe: use it from the UI's
/// synchronisation context, as Blazor components do.
/// </remarks>
public sealed class HelpSession
{
    /// <summary>The number of searches, articles and votes kept; older entries are dropped.</summary>
    public const int MaxEntries = 10;

    private readonly List<string> _searches = [];
    private readonly List<string> _articles = [];
    private readonly List<ArticleFeedback> _votes = [];
    private readonly List<HelpContextDeclaration> _declarations = [];
    private HelpPanelRequest? _pending;
    private string? _lastQuery;

    /// <summary>Occurs when the panel opened.</summary>
    public event EventHandler? Opened;

    /// <summary>Occurs when the panel closed.</summary>
    public event EventHandler? Closed;

    /// <summary>Occurs when a search completed, with its text and number of results.</summary>
    public event EventHandler<HelpSearchEvent>? Searched;

    /// <summary>Occurs when the user opened an article, with its id and the language shown.</summary>
    public event EventHandler<HelpArticleEvent>? ArticleViewed;

    /// <summary>Occurs when an answer to "Was this helpful?" was stored.</summary>
    public event EventHandler<ArticleFeedback>? Voted;

    /// <summary>Occurs when the user said an article suggested on the contact form solved their problem, with its id.</summary>
    public event EventHandler<string>? Deflected;

    /// <summary>Occurs when a ticket was stored, with its receipt.</summary>
    public event EventHandler<TicketReceipt>? TicketCreated;

    /// <summary>
    /// Occurs when the app asked the panel to do something. For the widget's components: apps call
    /// <see cref="OpenAsync"/> and the other request methods instead.
    /// </summary>
    public event Func<HelpPanelRequest, Task>? Requested;

    /// <summary>Occurs when the declared help context changed (a page or component declared or dropped one).</summary>
    public event EventHandler? ContextChanged;

    /// <summary>
    /// Gets a place where the widget's components keep what the panel shows (view, history, draft), so it survives
    /// the panel being rendered anew after a navigation.
    /// </summary>
    public IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

    /// <summary>
    /// Gets or sets the user's time zone as an IANA id (such as <c>Europe/Oslo</c>), as the browser reports it; sent with
    /// a ticket. <see langword="null"/> when unknown.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not a time zone id.</exception>
    public string? TimeZone
    {
        get;
        set => field = value is null || IsTimeZoneId(value) ? value : throw new ArgumentException("TimeZone must be an IANA time zone id such as Europe/Oslo.", nameof(value));
    }

    /// <summary>
    /// Gets values the host app adds to the context of a ticket, such as an order number or the record being edited
    /// (at most 20, keys of 1 to 50 letters, digits, '-', '_' or '.', values up to 1,000 characters; others are left
    /// out). They are scrubbed of personal data and shown to the user before sending, like the rest of the context.
    /// </summary>
    public IDictionary<string, string> ContextValues { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the number of times in this session an article suggested on the contact form solved the problem.</summary>
    public int Deflections { get; private set; }

    /// <summary>Gets a value indicating whether the panel is open.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>Gets the searches tried, oldest first, each with its number of results, such as <c>vpn (3)</c>.</summary>
    public IReadOnlyList<string> Searches => _searches;

    /// <summary>Gets the ids of the articles read, oldest first.</summary>
    public IReadOnlyList<string> Articles => _articles;

    /// <summary>Gets the answers to "Was this helpful?" given, oldest first (the last answer per article).</summary>
    public IReadOnlyList<ArticleFeedback> Votes => _votes;

    /// <summary>Gets the help contexts declared by the current page and its components, outermost first.</summary>
    public IReadOnlyList<HelpContextDeclaration> Declarations => _declarations;

    /// <summary>Opens the panel where the user left it.</summary>
    /// <returns>A task that completes when the panel has handled the request.</returns>
    public Task OpenAsync() => RequestAsync(new HelpPanelRequest(HelpPanelAction.Open));

    /// <summary>Closes the panel.</summary>
    /// <returns>A task that completes when the panel has handled the request.</returns>
    public Task CloseAsync() => RequestAsync(new HelpPanelRequest(HelpPanelAction.Close));

    /// <summary>Opens the panel on the results for <paramref name="query"/>.</summary>
    /// <param name="query">The text to search for, as a person would type it.</param>
    /// <returns>A task that completes when the panel has handled the request.</returns>
    /// <exception cref="ArgumentException"><paramref name="query"/> is empty or white space.</exception>
    public Task SearchAsync(string query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        return RequestAsync(new HelpPanelRequest(HelpPanelAction.Search) { Query = query });
    }

    /// <summary>Opens the panel on an article; an id the user may not see shows "not available".</summary>
    /// <param name="articleId">The article's id.</param>
    /// <returns>A task that completes when the panel has handled the request.</returns>
    /// <exception cref="ArgumentException"><paramref name="articleId"/> is empty or white space.</exception>
    public Task ShowArticleAsync(string articleId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(articleId);
        return RequestAsync(new HelpPanelRequest(HelpPanelAction.ShowArticle) { ArticleId = articleId });
    }

    /// <summary>Opens the panel on the contact form, with the given subject and description filled in.</summary>
    /// <param name="subject">The subject to fill in; <see langword="null"/> keeps the draft's.</param>
    /// <param name="description">The description to fill in; <see langword="null"/> keeps the draft's.</param>
    /// <returns>A task that completes when the panel has handled the request.</returns>
    public Task StartContactAsync(string? subject = null, string? description = null) =>
        RequestAsync(new HelpPanelRequest(HelpPanelAction.Contact) { Subject = subject, Description = description });

    /// <summary>
    /// Takes the request that arrived while no panel was listening (such as one made while the page was
    /// loading), so a panel that starts can carry it out.
    /// </summary>
    /// <returns>The request, or <see langword="null"/> when none is waiting.</returns>
    public HelpPanelRequest? TakePendingRequest()
    {
        var pending = _pending;
        _pending = null;
        return pending;
    }

    /// <summary>
    /// Declares a help context for the current page or component; dispose the result when the page or
    /// component goes away. Declarations nest: the effective context joins them all.
    /// </summary>
    /// <param name="declaration">The keys, tags and topic.</param>
    /// <returns>A handle that removes the declaration when disposed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="declaration"/> is <see langword="null"/>.</exception>
    public IDisposable Declare(HelpContextDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        declaration.Validate();
        _declarations.Add(declaration);
        ContextChanged?.Invoke(this, EventArgs.Empty);
        return new Declaration(this, declaration);
    }

    /// <summary>Gets the context to search and suggest in: the route with every declared key and tag.</summary>
    /// <param name="route">The path of the current page, such as <c>/expenses/new</c>.</param>
    /// <returns>The context.</returns>
    public HelpContext CurrentContext(string? route)
    {
        if (_declarations.Count == 0)
        {
            return new HelpContext { Route = route };
        }

        return new HelpContext
        {
            Route = route,
            Keys = _declarations.SelectMany(d => d.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
            Tags = _declarations.SelectMany(d => d.Tags).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        };
    }

    /// <summary>Gets the innermost declared topic, such as <c>Travel expenses</c>; <see langword="null"/> when none is declared.</summary>
    public string? CurrentTopic => _declarations.LastOrDefault(d => d.Topic is not null)?.Topic;

    /// <summary>Records that the panel opened and raises <see cref="Opened"/>. For the widget's components.</summary>
    public void RecordOpened()
    {
        if (!IsOpen)
        {
            IsOpen = true;
            Opened?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Records that the panel closed and raises <see cref="Closed"/>. For the widget's components.</summary>
    public void RecordClosed()
    {
        if (IsOpen)
        {
            IsOpen = false;
            Closed?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>
    /// Records a search and raises <see cref="Searched"/>; a query that refines the previous one (typing on)
    /// replaces it in <see cref="Searches"/>. For the widget's components.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="results">The number of results it found.</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    public void RecordSearch(string query, int results)
    {
        ArgumentNullException.ThrowIfNull(query);
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
        Searched?.Invoke(this, new HelpSearchEvent(text, results));
    }

    /// <summary>Records that an article was read and raises <see cref="ArticleViewed"/>. For the widget's components.</summary>
    /// <param name="articleId">The article's id.</param>
    /// <param name="language">The language the article was shown in.</param>
    /// <exception cref="ArgumentNullException"><paramref name="articleId"/> or <paramref name="language"/> is <see langword="null"/>.</exception>
    public void RecordArticle(string articleId, string language)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        ArgumentNullException.ThrowIfNull(language);
        _articles.Remove(articleId);
        Add(_articles, articleId);
        ArticleViewed?.Invoke(this, new HelpArticleEvent(articleId, language));
    }

    /// <summary>Records a stored answer to "Was this helpful?" and raises <see cref="Voted"/>. For the widget's components.</summary>
    /// <param name="feedback">The stored answer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="feedback"/> is <see langword="null"/>.</exception>
    public void RecordVote(ArticleFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        _votes.RemoveAll(v => v.ArticleId == feedback.ArticleId);
        _votes.Add(feedback);
        if (_votes.Count > MaxEntries)
        {
            _votes.RemoveAt(0);
        }

        Voted?.Invoke(this, feedback);
    }

    /// <summary>
    /// Records that an article suggested while the user wrote a ticket solved their problem (a deflection) and
    /// raises <see cref="Deflected"/>. For the widget's components.
    /// </summary>
    /// <param name="articleId">The article's id.</param>
    /// <exception cref="ArgumentNullException"><paramref name="articleId"/> is <see langword="null"/>.</exception>
    public void RecordDeflection(string articleId)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        Deflections++;
        Deflected?.Invoke(this, articleId);
    }

    /// <summary>Records a stored ticket and raises <see cref="TicketCreated"/>. For the widget's components.</summary>
    /// <param name="receipt">The ticket's receipt.</param>
    /// <exception cref="ArgumentNullException"><paramref name="receipt"/> is <see langword="null"/>.</exception>
    public void RecordTicket(TicketReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        TicketCreated?.Invoke(this, receipt);
    }

    /// <summary>Gets a value indicating whether <paramref name="value"/> looks like an IANA time zone id.</summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> for 1 to 64 letters, digits, '/', '_', '+' and '-', starting with a letter.</returns>
    public static bool IsTimeZoneId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= 64 } && char.IsAsciiLetter(value[0]) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '+' or '-');

    /// <summary>Gets the host's context values that pass the rules of <see cref="ContextValues"/>, at most 20.</summary>
    /// <returns>The values, in the order added.</returns>
    public IEnumerable<KeyValuePair<string, string>> ValidContextValues() => ContextValues
        .Where(entry => entry.Key.Length is > 0 and <= 50 && entry.Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            && entry.Value is { Length: <= 1000 } && !entry.Value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        .Take(20);

    private async Task RequestAsync(HelpPanelRequest request)
    {
        var handlers = Requested;
        if (handlers is null)
        {
            // No panel yet (the page is still loading): the first panel to start carries it out.
            _pending = request;
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Func<HelpPanelRequest, Task>>())
        {
            await handler(request);
        }
    }

    private static void Add<T>(List<T> list, T entry)
    {
        list.Add(entry);
        if (list.Count > MaxEntries)
        {
            list.RemoveAt(0);
        }
    }

    private sealed class Declaration(HelpSession session, HelpContextDeclaration declaration) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                session._declarations.Remove(declaration);
                session.ContextChanged?.Invoke(session, EventArgs.Empty);
            }
        }
    }
}
