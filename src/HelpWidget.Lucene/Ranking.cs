namespace HelpWidget.Lucene;

/// <summary>
/// The second ranking stage: the best text matches are reordered by signals that text cannot see (the page the
/// user is on, what readers answered), each within a bound so that textual relevance always leads. Further signals
/// (what people who searched this opened, semantic similarity) join here as more terms of the same factor.
/// </summary>
internal static class Ranking
{
    /// <summary>How many text matches per wanted result are reordered.</summary>
    public const int CandidatesPerResult = 3;

    public const double KeyMatchBoost = 0.15;
    public const double RouteMatchBoost = 0.10;

    /// <summary>The most that helpfulness moves an article's score, up or down.</summary>
    public const double HelpfulnessBoost = 0.10;

    /// <summary>Votes at which helpfulness counts half; fewer votes count less (one vote none).</summary>
    public const double HelpfulnessHalfConfidenceVotes = 10;

    public static double Factor(HelpArticle article, HelpContext context, IReadOnlyDictionary<string, ArticleSignals> signals) =>
        1 + ContextBoost(article, context) + Helpfulness(signals.GetValueOrDefault(article.Id));

    private static double ContextBoost(HelpArticle article, HelpContext context)
    {
        var boost = 0.0;
        foreach (var declared in article.Contexts)
        {
            var value = LanguageIndex.NormaliseContext(declared);
            if (context.Keys.Any(key => string.Equals(LanguageIndex.NormaliseContext(key), value, StringComparison.Ordinal)))
            {
                return KeyMatchBoost;
            }

            if (value.Length > 1 && value[0] == '/' && context.Route is { } route
                && LanguageIndex.NormaliseContext(route) is var current
                && (current == value || current.StartsWith(value + "/", StringComparison.Ordinal)))
            {
                boost = RouteMatchBoost;
            }
        }

        return boost;
    }

    private static double Helpfulness(ArticleSignals? signals)
    {
        var votes = (signals?.HelpfulVotes ?? 0) + (signals?.UnhelpfulVotes ?? 0);
        if (votes == 0)
        {
            return 0;
        }

        var share = (double)signals!.HelpfulVotes / votes;
        // As for learned searches: one reader's answer does not move a rank, many readers' answers do.
        var confidence = LearnedTrust.Agreement(votes, HelpfulnessHalfConfidenceVotes);
        return 2 * HelpfulnessBoost * (share - 0.5) * confidence;
    }
}
