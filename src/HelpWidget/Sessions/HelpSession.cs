using HelpWidget.Insights;

namespace HelpWidget;

/// <summary>
/// One user's help session in the host app: the app's way to drive the help panel and to hear what the user does in
/// it. Registered as a scoped service by <c>AddHelpWidget()</c>, so in a Blazor app it lives as long as the user's
/// circuit and survives page navigations.
/// </summary>
/// <remarks>
/// <para>
/// Apps inject it to drive the widget (<see cref="OpenAsync"/>, <see cref="SearchAsync"/>,
/// <see cref="ShowArticleAsync(string)"/>, <see cref="StartContactAsync"/>, <see cref="CloseAsync"/>) and to observe it
/// (<see cref="Opened"/>, <see cref="Searched"/>, <see cref="ArticleViewed"/>, <see cref="Voted"/>,
/// <see cref="Deflected"/>, <see cref="TicketCreated"/>, <see cref="Closed"/>). <see cref="Context"/> holds the help
/// context the current page declared and the values the app adds to a ticket; <see cref="Activity"/> is what the user
/// did, as the widget recorded it (read-only).
/// </para>
/// <para>Not thread-safe: use it from the UI's synchronisation context, as Blazor components do.</para>
/// </remarks>
public sealed class HelpSession
{
    private readonly SessionRecording? _recording;
    private HelpPanelRequest? _pending;

    /// <summary>Initializes a new instance of the <see cref="HelpSession"/> class that records no insight events.</summary>
    public HelpSession()
    {
    }

    /// <summary>Initializes a new instance that records insight events through <paramref name="recording"/> when recording is on.</summary>
    internal HelpSession(SessionRecording recording, HelpEventRecorder recorder)
    {
        _recording = recorder.IsEnabled ? recording : null;
        Context.RouteResolved = route =>
        {
            if (_recording is not null)
            {
                _recording.Route = route;
            }
        };
    }

    /// <summary>Occurs when the panel opened.</summary>
    public event EventHandler<HelpPanelOpenedEventArgs>? Opened;

    /// <summary>Occurs when the panel closed.</summary>
    public event EventHandler<HelpPanelClosedEventArgs>? Closed;

    /// <summary>Occurs when a search completed, with its text and number of results.</summary>
    public event EventHandler<HelpSearchedEventArgs>? Searched;

    /// <summary>Occurs when the user opened an article, with its id and the language shown.</summary>
    public event EventHandler<HelpArticleViewedEventArgs>? ArticleViewed;

    /// <summary>Occurs when an answer to "Was this helpful?" was stored.</summary>
    public event EventHandler<HelpVotedEventArgs>? Voted;

    /// <summary>Occurs when the user said an article suggested on the contact form solved their problem.</summary>
    public event EventHandler<HelpDeflectedEventArgs>? Deflected;

    /// <summary>Occurs when a ticket was stored, with its receipt.</summary>
    public event EventHandler<HelpTicketCreatedEventArgs>? TicketCreated;

    /// <summary>Occurs when the app asked the panel to do something; the launcher carries it out.</summary>
    internal event Func<HelpPanelRequest, Task>? Requested;

    /// <summary>Gets the help context of the current page, and the values the app adds to a ticket.</summary>
    public HelpSessionContext Context { get; } = new();

    /// <summary>Gets what the user did in the panel during this session, as the widget recorded it.</summary>
    public HelpSessionActivity Activity { get; } = new();

    /// <summary>Gets a value indicating whether the panel is open.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>
    /// Gets a place where the widget's components keep what the panel shows (view, history, draft), so it survives
    /// the panel being rendered anew after a navigation. Keys are the owning types.
    /// </summary>
    internal IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

    /// <summary>
    /// Gets or sets the user, as the widget's components know them, so insight events link one user's sessions (by a
    /// keyed hash of <see cref="HelpUser.Id"/>, never the id itself); <see langword="null"/> records the session as anonymous.
    /// </summary>
    internal HelpUser? User
    {
        get;
        set
        {
            field = value;
            if (_recording is not null)
            {
                _recording.User = value;
            }
        }
    }

    /// <summary>Gets where the next article the panel opens comes from, as the app asked for it (a deep link or a field's help); <see langword="null"/> when not asked.</summary>
    internal HelpArticleSource? ExpectedArticleSource { get; private set; }

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
        return ShowArticleAsync(articleId, HelpArticleSource.DeepLink);
    }

    /// <summary>Opens the panel on an article, recording where the user came from (such as a field's help).</summary>
    internal Task ShowArticleAsync(string articleId, HelpArticleSource source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(articleId);
        ExpectedArticleSource = source;
        _recording?.ExpectArticle(source);
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
    internal HelpPanelRequest? TakePendingRequest()
    {
        var pending = _pending;
        _pending = null;
        return pending;
    }

    /// <summary>Records that the panel opened and raises <see cref="Opened"/> (once, however often it is called while open).</summary>
    internal void RecordOpened()
    {
        if (!IsOpen)
        {
            IsOpen = true;
            _recording?.Opened();
            Opened?.Invoke(this, new HelpPanelOpenedEventArgs());
        }
    }

    /// <summary>Records that the panel closed and raises <see cref="Closed"/> (once, however often it is called while closed).</summary>
    internal void RecordClosed()
    {
        if (IsOpen)
        {
            IsOpen = false;
            Closed?.Invoke(this, new HelpPanelClosedEventArgs());
        }
    }

    /// <summary>Records a search in <see cref="Activity"/> and raises <see cref="Searched"/>.</summary>
    internal void RecordSearch(string query, int results)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = Activity.AddSearch(query, results);
        HelpWidgetTelemetry.Searches.Add(1);
        if (results == 0)
        {
            HelpWidgetTelemetry.ZeroResultSearches.Add(1);
        }

        _recording?.Searched(text, results);
        Searched?.Invoke(this, new HelpSearchedEventArgs(text, results));
    }

    /// <summary>Records that an article was read and raises <see cref="ArticleViewed"/>.</summary>
    internal void RecordArticle(string articleId, string language) => RecordArticle(articleId, language, source: null);

    /// <summary>Records that an article was read, opened from <paramref name="source"/> (<see langword="null"/>: as the session saw it), and raises <see cref="ArticleViewed"/>.</summary>
    internal void RecordArticle(string articleId, string language, HelpArticleSource? source)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        ArgumentNullException.ThrowIfNull(language);
        Activity.AddArticle(articleId);
        ExpectedArticleSource = null;
        HelpWidgetTelemetry.ArticleViews.Add(1, HelpWidgetTelemetry.Language(language));
        _recording?.ArticleViewed(articleId, language, source);
        ArticleViewed?.Invoke(this, new HelpArticleViewedEventArgs(articleId, language));
    }

    /// <summary>Records a stored answer to "Was this helpful?" and raises <see cref="Voted"/>.</summary>
    internal void RecordVote(ArticleFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        Activity.AddVote(feedback);
        HelpWidgetTelemetry.Votes.Add(1, new KeyValuePair<string, object?>("helpwidget.vote.helpful", feedback.Helpful));
        _recording?.Voted(feedback);
        Voted?.Invoke(this, new HelpVotedEventArgs(feedback));
    }

    /// <summary>Records that an article suggested while the user wrote a ticket solved their problem, and raises <see cref="Deflected"/>.</summary>
    internal void RecordDeflection(string articleId)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        Activity.AddDeflection();
        HelpWidgetTelemetry.Deflections.Add(1);
        _recording?.Deflected(articleId);
        Deflected?.Invoke(this, new HelpDeflectedEventArgs(articleId));
    }

    /// <summary>Records a stored ticket and raises <see cref="TicketCreated"/>.</summary>
    internal void RecordTicket(TicketReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (receipt.Created)
        {
            HelpWidgetTelemetry.Tickets.Add(1);
            _recording?.TicketCreated();
        }

        TicketCreated?.Invoke(this, new HelpTicketCreatedEventArgs(receipt));
    }

    /// <summary>Records that the user opened the contact form (once until a ticket is sent or a new help session starts).</summary>
    internal void RecordContactStarted() => _recording?.ContactStarted();

    /// <summary>Records that <paramref name="count"/> articles were suggested for the page without a search.</summary>
    internal void RecordSuggestionsShown(int count) => _recording?.SuggestionShown(count);

    /// <summary>Records that an announcement was shown (once per help session).</summary>
    internal void RecordAnnouncementShown(string announcementId) => _recording?.AnnouncementShown(announcementId);

    /// <summary>Records that an announcement was dismissed.</summary>
    internal void RecordAnnouncementDismissed(string announcementId) => _recording?.AnnouncementDismissed(announcementId);

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
}
