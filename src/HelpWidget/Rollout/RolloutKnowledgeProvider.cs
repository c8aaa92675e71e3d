namespace HelpWidget.Rollout;

/// <summary>
/// Leaves the articles of areas that are not live out of search and suggestions, and answers a browse of such an area
/// with nothing. <see cref="IKnowledgeProvider.GetArticleAsync"/> is passed through: field help and links the app placed
/// keep opening their article.
/// </summary>
internal sealed class RolloutKnowledgeProvider(IKnowledgeProvider innerProvider, HelpRollout rollout) : DelegatingKnowledgeProvider(innerProvider)
{
    public override async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = rollout.Current;
        if (plan.AllAreasLive)
        {
            return await InnerProvider.SearchAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (request.Area is { Length: > 0 } area && !plan.IsAreaLive(area))
        {
            return SearchResults.Empty;
        }

        return Live(plan, await InnerProvider.SearchAsync(request, cancellationToken).ConfigureAwait(false));
    }

    public override async Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = rollout.Current;
        var results = await InnerProvider.SuggestAsync(request, cancellationToken).ConfigureAwait(false);
        return plan.AllAreasLive ? results : Live(plan, results);
    }

    private static SearchResults Live(RolloutPlan plan, SearchResults results)
    {
        if (results.Hits.All(hit => plan.IsAreaLive(hit.Area)))
        {
            return results;
        }

        // Fewer hits than asked for, rather than a second search: the pilot's areas are what the user may find.
        return new SearchResults
        {
            Hits = [.. results.Hits.Where(hit => plan.IsAreaLive(hit.Area))],
            DidYouMean = results.DidYouMean,
            Refinable = results.Refinable,
        };
    }
}
