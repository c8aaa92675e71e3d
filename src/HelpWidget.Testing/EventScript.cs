namespace HelpWidget.Testing;

/// <summary>
/// Writes a script of insight events as the widget records them, on a clock that moves only when told: each call adds
/// one event a second after the last, to the session last started.
/// </summary>
/// <param name="start">When the first event happens.</param>
/// <remarks>Not thread-safe: a script is written by one test.</remarks>
public sealed class EventScript(DateTimeOffset start)
{
    private DateTimeOffset _now = start;
    private string _user = "nobody";
    private string _session = "none";
    private string _language = "en";
    private string? _route;

    /// <summary>Gets the events written so far, in the order they happened.</summary>
    public List<HelpEvent> Events { get; } = [];

    /// <summary>Moves the clock on before the next event.</summary>
    /// <param name="time">How long nothing happens.</param>
    /// <returns>This script.</returns>
    public EventScript Wait(TimeSpan time)
    {
        _now += time;
        return this;
    }

    /// <summary>Starts a help session; the events that follow belong to it.</summary>
    /// <param name="user">The user, recorded as the user key <c>user-</c><paramref name="user"/>.</param>
    /// <param name="session">The session's id.</param>
    /// <param name="language">The session's language. Defaults to <c>en</c>.</param>
    /// <param name="route">The page the session is on; <see langword="null"/> (the default) for none.</param>
    /// <returns>This script.</returns>
    public EventScript Session(string user, string session, string language = "en", string? route = null)
    {
        (_user, _session, _language, _route) = ("user-" + user, session, language, route);
        return Add(HelpEventKind.SessionStarted);
    }

    /// <summary>Adds a search; with no results, a zero-result search.</summary>
    /// <param name="query">The query.</param>
    /// <param name="results">The number of results.</param>
    /// <returns>This script.</returns>
    public EventScript Search(string query, int results) => Add(results == 0 ? HelpEventKind.ZeroResultSearch : HelpEventKind.Search, query: query, results: results);

    /// <summary>Adds the view of an article.</summary>
    /// <param name="article">The article's id.</param>
    /// <returns>This script.</returns>
    public EventScript View(string article) => Add(HelpEventKind.ArticleViewed, article: article);

    /// <summary>Adds the view of an article opened from <paramref name="source"/>, such as search results.</summary>
    /// <param name="article">The article's id.</param>
    /// <param name="source">Where it was opened from.</param>
    /// <returns>This script.</returns>
    public EventScript View(string article, HelpArticleSource source)
    {
        Add(HelpEventKind.ArticleViewed, article: article);
        var e = Events[^1];
        Events[^1] = new HelpEvent
        {
            Kind = e.Kind,
            OccurredAt = e.OccurredAt,
            UserKey = e.UserKey,
            SessionId = e.SessionId,
            Language = e.Language,
            Route = e.Route,
            ArticleId = e.ArticleId,
            Source = source,
            IsSimulated = e.IsSimulated,
        };
        return this;
    }

    /// <summary>Adds an answer to "Was this helpful?".</summary>
    /// <param name="article">The article's id.</param>
    /// <param name="helpful">The answer.</param>
    /// <param name="reason">The reason of a No; <see langword="null"/> (the default) for none.</param>
    /// <returns>This script.</returns>
    public EventScript Vote(string article, bool helpful, string? reason = null) => Add(HelpEventKind.Vote, article: article, helpful: helpful, reason: reason);

    /// <summary>Adds the start of a contact (the form opened).</summary>
    /// <returns>This script.</returns>
    public EventScript Contact() => Add(HelpEventKind.ContactStarted);

    /// <summary>Adds a submitted ticket.</summary>
    /// <returns>This script.</returns>
    public EventScript Ticket() => Add(HelpEventKind.TicketCreated);

    /// <summary>Adds "This solved my problem" on an article.</summary>
    /// <param name="article">The article's id.</param>
    /// <returns>This script.</returns>
    public EventScript Solved(string article) => Add(HelpEventKind.DeflectionConfirmed, article: article);

    /// <summary>Adds an event of any kind to the current session.</summary>
    /// <param name="kind">The kind of event.</param>
    /// <param name="article">The article's id, if any.</param>
    /// <param name="query">The query, if any.</param>
    /// <param name="results">The number of results, if any.</param>
    /// <param name="helpful">The answer to "Was this helpful?", if any.</param>
    /// <param name="reason">The reason of a No, if any.</param>
    /// <returns>This script.</returns>
    public EventScript Add(HelpEventKind kind, string? article = null, string? query = null, int? results = null, bool? helpful = null, string? reason = null)
    {
        // Events one second apart: a script reads in the order things happened.
        if (Events.Count > 0 && _now <= Events[^1].OccurredAt)
        {
            _now = Events[^1].OccurredAt.AddSeconds(1);
        }

        Events.Add(new HelpEvent
        {
            Kind = kind,
            OccurredAt = _now,
            UserKey = _user,
            SessionId = _session,
            Language = _language,
            Route = _route,
            ArticleId = article,
            Query = query,
            ResultCount = results,
            Helpful = helpful,
            Reason = reason,
        });
        return this;
    }
}
