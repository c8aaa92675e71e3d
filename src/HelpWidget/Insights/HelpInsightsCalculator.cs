namespace HelpWidget;

/// <summary>
/// Computes the figures of a period from insight events, exactly by the definitions of the insights (see
/// <see cref="HelpInsightsReport"/>). It is the reference that every <see cref="IHelpEventStore"/> must agree with, and
/// serves apps that keep events in memory or elsewhere. A help session is counted from its
/// <see cref="HelpEventKind.SessionStarted"/> event, which the widget records first in every session.
/// </summary>
/// <remarks>Thread-safe. It holds the events it is given in memory: a store over many events computes in its own engine.</remarks>
public static class HelpInsightsCalculator
{
    private static TimeSpan TicketWindow => HelpInsightsDefinitions.TicketWindow;

    /// <summary>Computes the figures of a period.</summary>
    /// <param name="events">The events, in any order; those of the 24 hours after the period are needed for resolutions near its end.</param>
    /// <param name="query">The period and the size of the tables.</param>
    /// <returns>The figures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or <paramref name="query"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="query"/> breaks a rule of <see cref="HelpInsightsQuery.Validate"/>.</exception>
    public static HelpInsightsReport Calculate(IEnumerable<HelpEvent> events, HelpInsightsQuery query) => Calculate(events, query, [], scrubber: null);

    /// <summary>Computes the figures of a period, with the comments given with "No" answers to the worst-rated articles.</summary>
    /// <param name="events">The events, in any order; those of the 24 hours after the period are needed for resolutions near its end.</param>
    /// <param name="query">The period and the size of the tables.</param>
    /// <param name="feedback">The answers to "Was this helpful?" as the store keeps them, oldest first; their comments fill <see cref="HelpArticleRating.Comments"/>.</param>
    /// <param name="scrubber">Removes personal data from the comments; <see langword="null"/> gives no comments.</param>
    /// <returns>The figures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/>, <paramref name="query"/> or <paramref name="feedback"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="query"/> breaks a rule of <see cref="HelpInsightsQuery.Validate"/>.</exception>
    public static HelpInsightsReport Calculate(IEnumerable<HelpEvent> events, HelpInsightsQuery query, IEnumerable<ArticleFeedback> feedback, IPersonalDataScrubber? scrubber)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(feedback);
        query.Validate();

        // A stable sort keeps the order of events with the same time: the later of two votes at one instant wins.
        var all = events.Select((e, index) => (Event: e, Index: index)).OrderBy(x => x.Event.OccurredAt).ThenBy(x => x.Index).Select(x => x.Event).ToList();
        bool InPeriod(HelpEvent e) => e.OccurredAt >= query.From && e.OccurredAt < query.To;
        var period = all.Where(InPeriod).ToList();
        var bySession = all.ToLookup(e => e.SessionId, StringComparer.Ordinal);
        var ticketsByUser = all.Where(e => e.Kind == HelpEventKind.TicketCreated).ToLookup(e => e.UserKey, StringComparer.Ordinal);
        var viewsByUser = all.Where(e => e.Kind == HelpEventKind.ArticleViewed).ToLookup(e => e.UserKey, StringComparer.Ordinal);

        var sessions = period
            .Where(e => e.Kind == HelpEventKind.SessionStarted)
            .Select(start =>
            {
                var events = bySession[start.SessionId].Where(e => e.OccurredAt >= start.OccurredAt).ToList();
                var last = events.Max(e => e.OccurredAt);
                var helped = events.Any(e => e.Kind is HelpEventKind.ArticleViewed or HelpEventKind.DeflectionConfirmed);
                var resolved = helped && !ticketsByUser[start.UserKey].Any(t => t.OccurredAt >= start.OccurredAt && t.OccurredAt <= last + TicketWindow);
                return (Start: start, Events: events, Resolved: resolved);
            })
            .ToList();

        var tickets = period.Where(e => e.Kind == HelpEventKind.TicketCreated).ToList();
        var searches = period.Where(e => e.Kind is HelpEventKind.Search or HelpEventKind.ZeroResultSearch).ToList();

        return new HelpInsightsReport
        {
            From = query.From,
            To = query.To,
            Funnel = new HelpInsightsFunnel
            {
                Sessions = sessions.Count,
                WithSearch = sessions.Count(s => s.Events.Any(e => e.Kind is HelpEventKind.Search or HelpEventKind.ZeroResultSearch)),
                WithArticle = sessions.Count(s => s.Events.Any(e => e.Kind == HelpEventKind.ArticleViewed)),
                WithContact = sessions.Count(s => s.Events.Any(e => e.Kind == HelpEventKind.ContactStarted)),
                WithTicket = sessions.Count(s => s.Events.Any(e => e.Kind == HelpEventKind.TicketCreated)),
            },
            Searches = searches.Count,
            SimulatedEvents = period.Count(e => e.IsSimulated),
            ArticleViews = period.Count(e => e.Kind == HelpEventKind.ArticleViewed),
            SelfServiceResolutions = sessions.Count(s => s.Resolved),
            Tickets = tickets.Count,
            FailedDeflections = tickets.Count(t => viewsByUser[t.UserKey].Any(v => v.OccurredAt <= t.OccurredAt && t.OccurredAt <= v.OccurredAt + TicketWindow)),
            Days = Days(query, sessions.Where(s => s.Resolved).Select(s => s.Start.OccurredAt), tickets.Select(t => t.OccurredAt)),
            TopSearches = CountQueries(searches, query.Top),
            ZeroResultSearches = CountQueries(searches.Where(e => e.Kind == HelpEventKind.ZeroResultSearch), query.Top),
            SearchesFollowedByTicket = CountQueries(searches.Where(s => FollowedByTicketWithoutArticle(s, bySession[s.SessionId])), query.Top),
            WorstRatedArticles = Ratings(period, query.Top, Comments(feedback, query, scrubber)),
            PagesWithMostContacts = [.. period
                .Where(e => e.Kind is HelpEventKind.ContactStarted or HelpEventKind.TicketCreated)
                .GroupBy(e => e.Route ?? "/", StringComparer.Ordinal)
                .Select(g => new HelpRouteContacts { Route = g.Key, ContactsStarted = g.Count(e => e.Kind == HelpEventKind.ContactStarted), Tickets = g.Count(e => e.Kind == HelpEventKind.TicketCreated) })
                .OrderByDescending(r => r.ContactsStarted + r.Tickets).ThenBy(r => r.Route, StringComparer.Ordinal)
                .Take(query.Top)],
            TopDeflectingArticles = Deflections(sessions.Where(s => s.Resolved).Select(s => s.Events), period, query.Top),
            Articles = ArticleFigures(period, bySession),
        };
    }

    /// <summary>
    /// Every article's views, views from search, last votes and the contact forms opened after it (the last article read
    /// before a contact form in its session, in time and then in order given, takes the contact).
    /// </summary>
    private static List<HelpArticleFigures> ArticleFigures(List<HelpEvent> period, ILookup<string, HelpEvent> bySession)
    {
        var views = period.Where(e => e.Kind == HelpEventKind.ArticleViewed && e.ArticleId is not null).ToList();
        var votes = period
            .Where(e => e.Kind == HelpEventKind.Vote && e.ArticleId is not null && e.Helpful is not null)
            .GroupBy(e => (e.UserKey, e.ArticleId!))
            .Select(g => g.Last())
            .ToList();
        var contacts = period
            .Where(e => e.Kind == HelpEventKind.ContactStarted)
            .Select(contact => bySession[contact.SessionId]
                .TakeWhile(e => !ReferenceEquals(e, contact))
                .LastOrDefault(e => e.Kind == HelpEventKind.ArticleViewed && e.ArticleId is not null)?.ArticleId)
            .OfType<string>()
            .ToList();
        return [.. views.Select(v => v.ArticleId!).Concat(votes.Select(v => v.ArticleId!)).Concat(contacts)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(id => new HelpArticleFigures
            {
                ArticleId = id,
                Views = views.Count(v => v.ArticleId == id),
                ViewsFromSearch = views.Count(v => v.ArticleId == id && v.Source == HelpArticleSource.Search),
                Yes = votes.Count(v => v.ArticleId == id && v.Helpful == true),
                No = votes.Count(v => v.ArticleId == id && v.Helpful == false),
                ContactsAfter = contacts.Count(c => c == id),
            })];
    }

    private static bool FollowedByTicketWithoutArticle(HelpEvent search, IEnumerable<HelpEvent> session)
    {
        var ticket = session.FirstOrDefault(e => e.Kind == HelpEventKind.TicketCreated && e.OccurredAt > search.OccurredAt);
        return ticket is not null && !session.Any(e => e.Kind == HelpEventKind.ArticleViewed && e.OccurredAt > search.OccurredAt && e.OccurredAt < ticket.OccurredAt);
    }

    private static List<HelpQueryCount> CountQueries(IEnumerable<HelpEvent> searches, int top) => [.. searches
        .Where(e => e.Query is not null)
        .GroupBy(e => (e.Query!, e.Language))
        .Select(g => new HelpQueryCount { Query = g.Key.Item1, Language = g.Key.Language, Count = g.Count(), Route = MostFrequentRoute(g) })
        .OrderByDescending(q => q.Count).ThenBy(q => q.Query, StringComparer.Ordinal).ThenBy(q => q.Language, StringComparer.Ordinal)
        .Take(top)];

    private static string? MostFrequentRoute(IEnumerable<HelpEvent> searches) => searches
        .Where(e => e.Route is not null)
        .CountBy(e => e.Route!, StringComparer.Ordinal)
        .OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
        .Select(r => r.Key)
        .FirstOrDefault();

    /// <summary>The comments of "No" answers in the period per article, most recent first (of equal times, the later given), scrubbed.</summary>
    private static ILookup<string, string> Comments(IEnumerable<ArticleFeedback> feedback, HelpInsightsQuery query, IPersonalDataScrubber? scrubber) => scrubber is null
        ? Enumerable.Empty<string>().ToLookup(c => c, StringComparer.Ordinal)
        : feedback
            .Select((f, index) => (Feedback: f, Index: index))
            .Where(x => !x.Feedback.Helpful && !string.IsNullOrWhiteSpace(x.Feedback.Comment) && x.Feedback.CreatedAt >= query.From && x.Feedback.CreatedAt < query.To)
            .OrderByDescending(x => x.Feedback.CreatedAt).ThenByDescending(x => x.Index)
            .ToLookup(x => x.Feedback.ArticleId, x => scrubber.Scrub(x.Feedback.Comment), StringComparer.Ordinal);

    private static List<HelpArticleRating> Ratings(List<HelpEvent> period, int top, ILookup<string, string> comments)
    {
        // A user who changes their answer counts once, with the last answer.
        var last = period
            .Where(e => e.Kind == HelpEventKind.Vote && e.ArticleId is not null && e.Helpful is not null)
            .GroupBy(e => (e.UserKey, e.ArticleId!))
            .Select(g => g.Last());
        return [.. last
            .GroupBy(e => e.ArticleId!, StringComparer.Ordinal)
            .Select(g => new HelpArticleRating
            {
                ArticleId = g.Key,
                Yes = g.Count(e => e.Helpful == true),
                No = g.Count(e => e.Helpful == false),
                Reasons = [.. g.Where(e => e.Helpful == false && e.Reason is not null)
                    .GroupBy(e => e.Reason!, StringComparer.Ordinal)
                    .Select(r => new KeyValuePair<string, int>(r.Key, r.Count()))
                    .OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)],
                Comments = [.. comments[g.Key].Take(HelpArticleRating.MaxComments)],
            })
            .OrderBy(r => (double)r.Yes / (r.Yes + r.No)).ThenByDescending(r => r.No).ThenBy(r => r.ArticleId, StringComparer.Ordinal)
            .Take(top)];
    }

    private static List<HelpArticleDeflections> Deflections(IEnumerable<List<HelpEvent>> resolvedSessions, List<HelpEvent> period, int top)
    {
        var resolutions = resolvedSessions
            .SelectMany(events => events
                .Where(e => e.Kind is HelpEventKind.ArticleViewed or HelpEventKind.DeflectionConfirmed && e.ArticleId is not null)
                .Select(e => e.ArticleId!)
                .Distinct(StringComparer.Ordinal))
            .CountBy(id => id, StringComparer.Ordinal)
            .ToDictionary(StringComparer.Ordinal);
        var confirmations = period
            .Where(e => e.Kind == HelpEventKind.DeflectionConfirmed && e.ArticleId is not null)
            .CountBy(e => e.ArticleId!, StringComparer.Ordinal)
            .ToDictionary(StringComparer.Ordinal);
        return [.. resolutions.Keys.Union(confirmations.Keys, StringComparer.Ordinal)
            .Select(id => new HelpArticleDeflections { ArticleId = id, Resolutions = resolutions.GetValueOrDefault(id), Confirmations = confirmations.GetValueOrDefault(id) })
            .OrderByDescending(a => a.Resolutions).ThenByDescending(a => a.Confirmations).ThenBy(a => a.ArticleId, StringComparer.Ordinal)
            .Take(top)];
    }

    private static List<HelpInsightsDay> Days(HelpInsightsQuery query, IEnumerable<DateTimeOffset> resolutions, IEnumerable<DateTimeOffset> tickets)
    {
        var resolved = resolutions.CountBy(t => DateOnly.FromDateTime(t.UtcDateTime)).ToDictionary();
        var ticketed = tickets.CountBy(t => DateOnly.FromDateTime(t.UtcDateTime)).ToDictionary();
        var days = new List<HelpInsightsDay>();
        var last = DateOnly.FromDateTime(query.To.UtcDateTime.AddTicks(-1));
        for (var day = DateOnly.FromDateTime(query.From.UtcDateTime); day <= last; day = day.AddDays(1))
        {
            days.Add(new HelpInsightsDay { Date = day, Resolutions = resolved.GetValueOrDefault(day), Tickets = ticketed.GetValueOrDefault(day) });
        }

        return days;
    }
}
