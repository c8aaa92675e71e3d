namespace HelpWidget.PostgreSql.Insights;

/// <summary>A help session's row in <c>help_sessions</c>; it counts in the day it started once its start is known.</summary>
internal sealed record SessionSummary(
    string UserKey, long? Start, long Last, bool Searched, bool Viewed, bool Contacted, bool Ticketed, bool Helped, bool Undone, string[] Articles)
{
    public bool Resolved => Helped && !Undone;

    /// <summary>What the session adds to the counters of the day it started.</summary>
    public IEnumerable<(InsightsMetric Metric, string Key, int Delta)> Contribution()
    {
        if (Start is null)
        {
            yield break;
        }

        yield return (InsightsMetric.Sessions, string.Empty, 1);
        yield return (InsightsMetric.WithSearch, string.Empty, Searched ? 1 : 0);
        yield return (InsightsMetric.WithArticle, string.Empty, Viewed ? 1 : 0);
        yield return (InsightsMetric.WithContact, string.Empty, Contacted ? 1 : 0);
        yield return (InsightsMetric.WithTicket, string.Empty, Ticketed ? 1 : 0);
        yield return (InsightsMetric.Resolved, string.Empty, Resolved ? 1 : 0);
        if (Resolved)
        {
            foreach (var article in Articles)
            {
                yield return (InsightsMetric.ResolvedWithArticle, article, 1);
            }
        }
    }
}
