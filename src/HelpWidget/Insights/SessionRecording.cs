using System.Globalization;
using Microsoft.Extensions.Options;

namespace HelpWidget.Insights;

/// <summary>
/// What one <see cref="HelpSession"/> records for insights: it starts a new help session after 30 minutes of
/// inactivity, keeps only the last of a run of searches that refine each other (typing on), and remembers where the
/// next article is opened from. Disposed with the user's scope, when it records the search still held.
/// </summary>
internal sealed class SessionRecording : IDisposable
{
    private readonly HelpEventRecorder _recorder;
    private readonly IOptions<HelpWidgetOptions> _options;
    private readonly string _anonymousId = Guid.NewGuid().ToString("N");
    private readonly HashSet<string> _announcementsShown = new(StringComparer.Ordinal);
    private string? _sessionId;
    private DateTimeOffset _lastActivity;
    private PendingEvent? _search;
    private bool _searched;
    private HelpArticleSource? _nextSource;
    private bool _contactStarted;

    public SessionRecording(HelpEventRecorder recorder, IOptions<HelpWidgetOptions> options, HelpEventWriter writer)
    {
        _recorder = recorder;
        _options = options;

        // A browser's WebAssembly host runs no hosted services: the writer starts with the first help session there.
        if (OperatingSystem.IsBrowser())
        {
            writer.StartUnhosted();
        }
    }

    /// <summary>Gets or sets the user, whose id is hashed into <see cref="HelpEvent.UserKey"/>; <see langword="null"/> or anonymous hashes the session.</summary>
    public HelpUser? User { get; set; }

    /// <summary>Gets or sets the route of the user's current page.</summary>
    public string? Route { get; set; }

    public void Opened() => Begin(_recorder.Time.GetUtcNow());

    public void Searched(string query, int results)
    {
        var now = Begin(_recorder.Time.GetUtcNow());
        var search = New(HelpEventKind.Search, now) with { RawQuery = query, ResultCount = results };
        if (_search is { RawQuery: { } previous } && query.StartsWith(previous, StringComparison.OrdinalIgnoreCase))
        {
            _search = search;
        }
        else
        {
            FlushSearch();
            _search = search;
        }

        _searched = true;
    }

    public void ExpectArticle(HelpArticleSource source) => _nextSource = source;

    public void ArticleViewed(string articleId, string language, HelpArticleSource? source)
    {
        var resolved = source ?? _nextSource ?? (_searched ? HelpArticleSource.Search : HelpArticleSource.Unknown);
        _nextSource = null;
        Emit(HelpEventKind.ArticleViewed, e => e with { ArticleId = articleId, Language = language, Source = resolved });
    }

    public void Voted(ArticleFeedback feedback) => Emit(
        HelpEventKind.Vote,
        e => e with { ArticleId = feedback.ArticleId, Language = feedback.Language, Route = feedback.Route ?? e.Route, Helpful = feedback.Helpful, Reason = feedback.Helpful ? null : feedback.Reason });

    public void Deflected(string articleId) => Emit(HelpEventKind.DeflectionConfirmed, e => e with { ArticleId = articleId });

    public void ContactStarted()
    {
        if (!_contactStarted)
        {
            Emit(HelpEventKind.ContactStarted, e => e);
            _contactStarted = true;
        }
    }

    public void TicketCreated()
    {
        Emit(HelpEventKind.TicketCreated, e => e);
        _contactStarted = false;
    }

    public void SuggestionShown(int count) => Emit(HelpEventKind.SuggestionShown, e => e with { ResultCount = count });

    /// <summary>Records an announcement shown, once per help session; one shown on a page while the widget is not in use starts no help session.</summary>
    public void AnnouncementShown(string announcementId)
    {
        if (_announcementsShown.Add(announcementId))
        {
            _recorder.Record(Outside(HelpEventKind.AnnouncementShown) with { AnnouncementId = announcementId });
        }
    }

    public void AnnouncementDismissed(string announcementId) => _recorder.Record(Outside(HelpEventKind.AnnouncementDismissed) with { AnnouncementId = announcementId });

    public void Dispose() => FlushSearch();

    private void Emit(HelpEventKind kind, Func<PendingEvent, PendingEvent> fill)
    {
        var now = Begin(_recorder.Time.GetUtcNow());
        FlushSearch();
        _recorder.Record(fill(New(kind, now)));
    }

    /// <summary>Starts a help session when none is running or the last one ended in inactivity, and marks activity.</summary>
    private DateTimeOffset Begin(DateTimeOffset now)
    {
        if (_sessionId is null || now - _lastActivity >= HelpInsightsDefinitions.SessionTimeout)
        {
            FlushSearch();
            _sessionId = Guid.NewGuid().ToString("N");
            _searched = false;
            _contactStarted = false;
            _announcementsShown.Clear();
            _recorder.Record(New(HelpEventKind.SessionStarted, now));
        }

        _lastActivity = now;
        return now;
    }

    /// <summary>An event that belongs to the running help session, or else to none (an id of its own, without a session start).</summary>
    private PendingEvent Outside(HelpEventKind kind)
    {
        var now = _recorder.Time.GetUtcNow();
        var running = _sessionId is not null && now - _lastActivity < HelpInsightsDefinitions.SessionTimeout;
        return new PendingEvent(kind, now, User?.Id, _anonymousId, running ? _sessionId! : _anonymousId)
        {
            Language = _options.Value.LanguageFor(CultureInfo.CurrentUICulture),
            Route = Route,
        };
    }

    private PendingEvent New(HelpEventKind kind, DateTimeOffset now) =>
        new(kind, now, User?.Id, _anonymousId, _sessionId!) { Language = _options.Value.LanguageFor(CultureInfo.CurrentUICulture), Route = Route };

    private void FlushSearch()
    {
        if (_search is { } search)
        {
            _search = null;
            _recorder.Record(search.ResultCount == 0 ? search with { Kind = HelpEventKind.ZeroResultSearch } : search);
        }
    }
}
