using System.Globalization;

namespace HelpWidget.Insights.Simulation;

/// <summary>An article as the simulation uses it.</summary>
internal sealed record DemoArticle(string Id, string Language, string Title, IReadOnlyList<string> Contexts);

/// <summary>
/// Simulates help sessions over an app's articles, day by day, with the proportions of a support organisation early
/// in its self-service work: most sessions search or follow a suggestion and read an article, some find nothing,
/// one in four or five ends in a ticket, and some users come back with a ticket after reading (a Self Service Rate of
/// about two in three).
/// </summary>
internal static class DemoEvents
{
    private static readonly string[] s_reasons = ["inaccurate", "confusing", "missing-steps", "not-what-i-looked-for", "other"];

    private static readonly string[] s_announcements = ["demo-new-expense-policy", "demo-maintenance-window"];

    /// <summary>Searches for things the articles do not cover, by language (the first two letters); English for the others.</summary>
    private static readonly Dictionary<string, string[]> s_gaps = new(StringComparer.Ordinal)
    {
        ["en"] = ["parking permit", "visitor badge", "bike to work scheme", "canteen menu", "standing desk", "locker key", "company car"],
        ["sv"] = ["parkeringstillstånd", "besöksbricka", "cykelförmån", "lunchmeny", "höj- och sänkbart skrivbord", "skåpnyckel", "tjänstebil"],
    };

    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "with", "from", "your", "that", "this", "when", "what", "have", "into", "over", "after", "before", "about", "och", "eller", "till", "från", "med", "för", "efter", "inte",
    };

    /// <summary>The events of <see cref="HelpInsightsDemoDataOptions.Days"/> days ending at <paramref name="end"/> (excluded), in the order they happened, all simulated.</summary>
    public static List<HelpEvent> Generate(IReadOnlyList<DemoArticle> articles, DateTimeOffset end, HelpInsightsDemoDataOptions options)
    {
        var random = new Random(options.Seed);
        var byLanguage = articles.GroupBy(a => a.Language, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(a => a.Id, StringComparer.Ordinal).ToArray()).ToArray();
        var users = Enumerable.Range(0, Math.Max(20, options.SessionsPerDay * 3)).Select(_ => Hex(random, 16)).ToArray();
        var start = end.AddDays(-options.Days);
        var events = new List<HelpEvent>();
        for (var day = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero); day < end; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var sessions = (int)Math.Round(options.SessionsPerDay * (weekend ? 0.2 : 1.0) * (0.8 + (0.4 * random.NextDouble())));
            for (var i = 0; i < sessions; i++)
            {
                // Working hours, most around the middle of the day.
                var at = day.AddHours(7 + (5 * (random.NextDouble() + random.NextDouble()))).AddSeconds(random.Next(3600));
                var language = byLanguage[random.NextDouble() < 0.7 || byLanguage.Length == 1 ? 0 : 1 + random.Next(byLanguage.Length - 1)];
                var user = users[(int)(Math.Pow(random.NextDouble(), 1.6) * users.Length)];
                var session = new Session(random, events, user, language[0].Language, at);
                if (at >= start && at < end)
                {
                    Simulate(random, session, language);
                }
            }
        }

        return [.. events.Where(e => e.OccurredAt >= start && e.OccurredAt < end).OrderBy(e => e.OccurredAt)];
    }

    private static void Simulate(Random random, Session session, DemoArticle[] articles)
    {
        var article = articles[(int)(Math.Pow(random.NextDouble(), 1.5) * articles.Length)];
        session.Route = Route(random, article);
        session.Add(HelpEventKind.SessionStarted);
        if (random.NextDouble() < 0.1)
        {
            var announcement = s_announcements[random.Next(s_announcements.Length)];
            session.Add(HelpEventKind.AnnouncementShown, announcement: announcement);
            if (random.NextDouble() < 0.5)
            {
                session.Add(HelpEventKind.AnnouncementDismissed, announcement: announcement);
            }
        }

        var path = random.NextDouble();
        bool? helped = null;
        if (path < 0.25)
        {
            session.Add(HelpEventKind.SuggestionShown, results: 3);
            if (random.NextDouble() < 0.7)
            {
                helped = Read(random, session, article, HelpArticleSource.Suggestion, articles);
            }
        }
        else if (path < 0.77)
        {
            var words = Words(article.Title);
            var gap = random.NextDouble() < 0.12;
            var query = gap ? Gap(random, session.Language) : words[random.Next(words.Length)];
            session.Add(gap ? HelpEventKind.ZeroResultSearch : HelpEventKind.Search, query: query, results: gap ? 0 : 1 + random.Next(8));
            if (!gap && words.Length > 1 && random.NextDouble() < 0.3)
            {
                // A refined search: two words of the title.
                query = string.Join(' ', words.OrderBy(_ => random.Next()).Take(2));
                session.Add(HelpEventKind.Search, query: query, results: 1 + random.Next(4));
            }

            if (!gap && random.NextDouble() < 0.75)
            {
                helped = Read(random, session, article, HelpArticleSource.Search, articles);
            }
        }
        else if (path < 0.89)
        {
            helped = Read(random, session, article, random.NextDouble() < 0.5 ? HelpArticleSource.DeepLink : HelpArticleSource.FieldHelp, articles);
        }

        var contact = helped switch
        {
            null => path >= 0.89 || random.NextDouble() < 0.5,
            false => random.NextDouble() < 0.5,
            true => random.NextDouble() < 0.06,
        };
        if (contact)
        {
            session.Add(HelpEventKind.ContactStarted);
            var outcome = random.NextDouble();
            if (outcome < 0.25)
            {
                session.Add(HelpEventKind.DeflectionConfirmed, article: articles[random.Next(articles.Length)].Id);
            }
            else if (outcome < 0.9)
            {
                session.Add(HelpEventKind.TicketCreated);
            }
        }
        else if (helped is not null && random.NextDouble() < 0.06)
        {
            // Back a few hours later with a ticket after all: the reading did not resolve the problem.
            var later = session.Next(random.Next(2, 20) * 3600);
            session.Add(HelpEventKind.SessionStarted, at: later);
            session.Add(HelpEventKind.ContactStarted);
            session.Add(HelpEventKind.TicketCreated);
        }
    }

    /// <summary>Opens an article, sometimes a related one after it, sometimes votes; returns whether it helped (unknown is taken as helped).</summary>
    private static bool Read(Random random, Session session, DemoArticle article, HelpArticleSource source, DemoArticle[] articles)
    {
        session.Add(HelpEventKind.ArticleViewed, article: article.Id, source: source);
        if (random.NextDouble() < 0.1)
        {
            session.Add(HelpEventKind.ArticleViewed, article: articles[random.Next(articles.Length)].Id, source: HelpArticleSource.Related);
        }

        // Articles further down the list are rated worse, so the worst-rated table has a story to tell.
        var helpful = random.NextDouble() < 0.85 - (0.4 * Array.IndexOf(articles, article) / Math.Max(1, articles.Length));
        if (random.NextDouble() < 0.3)
        {
            session.Add(HelpEventKind.Vote, article: article.Id, helpful: helpful, reason: helpful ? null : s_reasons[random.Next(s_reasons.Length)]);
        }

        return helpful;
    }

    private static string Route(Random random, DemoArticle article)
    {
        var routes = article.Contexts.Where(c => c.StartsWith('/')).ToArray();
        return routes.Length == 0 ? "/" : routes[random.Next(routes.Length)];
    }

    private static string[] Words(string title)
    {
        var words = title.ToLower(CultureInfo.InvariantCulture)
            .Split([' ', ',', '.', ':', ';', '(', ')', '?', '!', '"', '\'', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 4 && !s_stopWords.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return words.Length > 0 ? words : [title.ToLower(CultureInfo.InvariantCulture).Trim()];
    }

    private static string Gap(Random random, string language)
    {
        var gaps = s_gaps.GetValueOrDefault(language.Length >= 2 ? language[..2] : language) ?? s_gaps["en"];
        return gaps[(int)(Math.Pow(random.NextDouble(), 1.5) * gaps.Length)];
    }

    private static string Hex(Random random, int bytes)
    {
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    /// <summary>One simulated help session: its user, language, page and clock, events a few seconds to a minute and a half apart.</summary>
    private sealed class Session(Random random, List<HelpEvent> events, string user, string language, DateTimeOffset at)
    {
        private DateTimeOffset _at = at;
        private string _id = Hex(random, 16);
        private bool _started;

        public string Language => language;

        public string Route { get; set; } = "/";

        public DateTimeOffset Next(int seconds) => _at.AddSeconds(seconds);

        public void Add(
            HelpEventKind kind, string? article = null, string? query = null, int? results = null, HelpArticleSource source = HelpArticleSource.Unknown,
            bool? helpful = null, string? reason = null, string? announcement = null, DateTimeOffset? at = null)
        {
            if (kind == HelpEventKind.SessionStarted && _started)
            {
                _id = Hex(random, 16);
            }

            _started = true;
            _at = at ?? _at.AddSeconds(5 + random.Next(85));
            events.Add(new HelpEvent
            {
                Kind = kind,
                OccurredAt = _at,
                UserKey = user,
                SessionId = _id,
                Language = language,
                Route = Route,
                ArticleId = article,
                Query = query,
                ResultCount = results ?? (kind is HelpEventKind.Search or HelpEventKind.ZeroResultSearch ? 0 : null),
                Source = kind == HelpEventKind.ArticleViewed ? source : HelpArticleSource.Unknown,
                Helpful = helpful,
                Reason = reason,
                AnnouncementId = announcement,
                IsSimulated = true,
            });
        }
    }
}
