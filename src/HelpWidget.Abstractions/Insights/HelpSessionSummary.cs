namespace HelpWidget;

/// <summary>
/// What a store keeps of a help session so that a report needs no other event of it: it counts in the day it started,
/// once its start is known.
/// </summary>
/// <param name="UserKey">The user's keyed hash.</param>
/// <param name="Start">The time of its <see cref="HelpEventKind.SessionStarted"/> event, in Unix milliseconds; <see langword="null"/> until it is recorded.</param>
/// <param name="Last">The time of its last event, in Unix milliseconds.</param>
/// <param name="Searched">Whether it holds a search.</param>
/// <param name="Viewed">Whether it holds an article opened.</param>
/// <param name="Contacted">Whether the contact form was opened in it.</param>
/// <param name="Ticketed">Whether it holds a ticket.</param>
/// <param name="Helped">Whether an article was read or confirmed as a solution in it.</param>
/// <param name="Undone">Whether a ticket of the same user from its start until 24 hours after its last event undoes its resolution.</param>
/// <param name="Articles">The articles read or confirmed in it, each once.</param>
public sealed record HelpSessionSummary(
    string UserKey, long? Start, long Last, bool Searched, bool Viewed, bool Contacted, bool Ticketed, bool Helped, bool Undone, IReadOnlyList<string> Articles)
{
    /// <summary>Gets a value indicating whether the session is a self-service resolution.</summary>
    public bool Resolved => Helped && !Undone;

    /// <summary>Gets what the session adds to the counters of the day it started (none before its start is known).</summary>
    /// <returns>The counters, each with its first key (the second is empty) and the amount.</returns>
    public IEnumerable<(HelpInsightsMetric Metric, string Key, int Delta)> Contribution()
    {
        if (Start is null)
        {
            yield break;
        }

        yield return (HelpInsightsMetric.Sessions, string.Empty, 1);
        yield return (HelpInsightsMetric.WithSearch, string.Empty, Searched ? 1 : 0);
        yield return (HelpInsightsMetric.WithArticle, string.Empty, Viewed ? 1 : 0);
        yield return (HelpInsightsMetric.WithContact, string.Empty, Contacted ? 1 : 0);
        yield return (HelpInsightsMetric.WithTicket, string.Empty, Ticketed ? 1 : 0);
        yield return (HelpInsightsMetric.Resolved, string.Empty, Resolved ? 1 : 0);
        if (Resolved)
        {
            foreach (var article in Articles)
            {
                yield return (HelpInsightsMetric.ResolvedWithArticle, article, 1);
            }
        }
    }

    /// <summary>Gets the counter changes that turn <paramref name="before"/>'s contribution into this one's, those that change.</summary>
    /// <param name="before">The summary before an event changed it.</param>
    /// <returns>The changes, each with its first key (the second is empty).</returns>
    public IEnumerable<(HelpInsightsMetric Metric, string Key, int Delta)> ChangesFrom(HelpSessionSummary before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return Contribution()
            .Concat(before.Contribution().Select(c => (c.Metric, c.Key, Delta: -c.Delta)))
            .GroupBy(c => (c.Metric, c.Key))
            .Select(g => (g.Key.Metric, g.Key.Key, Delta: g.Sum(c => c.Delta)))
            .Where(c => c.Delta != 0);
    }

    /// <summary>Gets the summary after one more event of the session.</summary>
    /// <param name="e">The event.</param>
    /// <param name="at">Its time, in Unix milliseconds.</param>
    /// <returns>The new summary; <see cref="Undone"/> is left to the store, which knows the user's tickets.</returns>
    public HelpSessionSummary With(HelpEvent e, long at)
    {
        ArgumentNullException.ThrowIfNull(e);
        var kind = e.Kind;
        return this with
        {
            UserKey = Start is null && kind == HelpEventKind.SessionStarted ? e.UserKey : UserKey,
            Start = Start ?? (kind == HelpEventKind.SessionStarted ? at : null),
            Last = Math.Max(Last, at),
            Searched = Searched || kind is HelpEventKind.Search or HelpEventKind.ZeroResultSearch,
            Viewed = Viewed || kind == HelpEventKind.ArticleViewed,
            Contacted = Contacted || kind == HelpEventKind.ContactStarted,
            Ticketed = Ticketed || kind == HelpEventKind.TicketCreated,
            Helped = Helped || kind is HelpEventKind.ArticleViewed or HelpEventKind.DeflectionConfirmed,
            Articles = kind is HelpEventKind.ArticleViewed or HelpEventKind.DeflectionConfirmed && e.ArticleId is { } article && !Articles.Contains(article, StringComparer.Ordinal)
                ? [.. Articles, article]
                : Articles,
        };
    }
}
