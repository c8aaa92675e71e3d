namespace HelpWidget.PostgreSql.Tests.Insights;

/// <summary>Random events as the widget records them: each session starts with its start event, and times only move forward.</summary>
internal static class InsightsEvents
{
    private static readonly string[] s_queries = ["vpn", "printer", "expenses", "mileage", "password reset", "wifi"];
    private static readonly string[] s_articles = ["vpn-connect", "printer-queue", "travel-expenses", "reset-password"];
    private static readonly string[] s_languages = ["en", "sv-SE", "fi"];
    private static readonly string?[] s_routes = ["/", "/expenses", "/travel", null];
    private static readonly string?[] s_reasons = ["outdated", "unclear", "wrong", null];

    /// <summary>
    /// <paramref name="count"/> events of a dozen users from 1 March 2026, 22:00 UTC: mostly minutes apart, sometimes close
    /// to a day (the 24-hour window), sometimes at the same instant (but never two votes).
    /// </summary>
    public static List<HelpEvent> Random(Random random, int count)
    {
        var open = new List<(string User, string Session, string Language, string? Route)>();
        var now = new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero);
        var events = new List<HelpEvent>(count);
        while (events.Count < count)
        {
            var kind = random.Next(10) switch
            {
                0 or 1 => HelpEventKind.Search,
                2 => HelpEventKind.ZeroResultSearch,
                3 or 4 => HelpEventKind.ArticleViewed,
                5 => HelpEventKind.Vote,
                6 => HelpEventKind.ContactStarted,
                7 => HelpEventKind.TicketCreated,
                8 => HelpEventKind.DeflectionConfirmed,
                _ => HelpEventKind.SuggestionShown,
            };
            if (open.Count == 0 || random.Next(5) == 0)
            {
                kind = HelpEventKind.SessionStarted;
            }

            // Two votes at one instant are ordered by the order of writing, which two concurrent writers do not share.
            now = now.AddMilliseconds(random.Next(100) switch
            {
                < 10 when kind != HelpEventKind.Vote => 0,
                < 12 => random.Next(23 * 3_600_000, 25 * 3_600_000),
                < 20 => random.Next(1, 40 * 60_000),
                _ => random.Next(1, 3 * 60_000),
            });
            if (kind == HelpEventKind.SessionStarted)
            {
                var started = ("user-" + random.Next(12), Guid.NewGuid().ToString("N"), s_languages[random.Next(s_languages.Length)], s_routes[random.Next(s_routes.Length)]);
                open.Add(started);
                events.Add(Event(kind, started, now, random));
                continue;
            }

            var session = open[random.Next(open.Count)];
            var helpful = random.Next(2) == 0;
            var e = Event(kind, session, now, random);
            events.Add(kind switch
            {
                HelpEventKind.Search or HelpEventKind.ZeroResultSearch =>
                    With(e, query: s_queries[random.Next(s_queries.Length)], results: kind == HelpEventKind.Search ? random.Next(1, 9) : 0),
                HelpEventKind.ArticleViewed => With(e, article: s_articles[random.Next(s_articles.Length)], source: (HelpArticleSource)random.Next(6)),
                HelpEventKind.DeflectionConfirmed => With(e, article: s_articles[random.Next(s_articles.Length)]),
                HelpEventKind.Vote => With(e, article: s_articles[random.Next(s_articles.Length)], helpful: helpful, reason: helpful ? null : s_reasons[random.Next(s_reasons.Length)]),
                _ => e,
            });
            if (random.Next(8) == 0)
            {
                open.Remove(session);
            }
        }

        return events;
    }

    private static HelpEvent Event(HelpEventKind kind, (string User, string Session, string Language, string? Route) session, DateTimeOffset at, Random random) => new()
    {
        Kind = kind,
        OccurredAt = at,
        UserKey = session.User,
        SessionId = session.Session,
        Language = session.Language,
        Route = session.Route,
        IsSimulated = random.Next(4) == 0,
    };

    private static HelpEvent With(HelpEvent e, string? query = null, int? results = null, string? article = null, bool? helpful = null, string? reason = null, HelpArticleSource source = HelpArticleSource.Unknown) => new()
    {
        Kind = e.Kind,
        OccurredAt = e.OccurredAt,
        UserKey = e.UserKey,
        SessionId = e.SessionId,
        Language = e.Language,
        Route = e.Route,
        IsSimulated = e.IsSimulated,
        Query = query,
        ResultCount = results,
        ArticleId = article,
        Helpful = helpful,
        Reason = reason,
        Source = source,
    };
}
