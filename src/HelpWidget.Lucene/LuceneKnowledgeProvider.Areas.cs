using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HelpWidget.Lucene;

/// <summary>
/// Searches narrowed to an area (<see cref="SearchRequest.Area"/>), and browsing an area: an empty query with an area
/// lists the area's articles the user may see, most helpful first.
/// </summary>
internal sealed partial class LuceneKnowledgeProvider
{
    /// <summary>The longest area id; a longer one names no area.</summary>
    private const int MaxAreaLength = 128;

    private SearchResults SearchArea(IndexSnapshot snapshot, SearchRequest request, int max)
    {
        var area = request.Area!;
        if (area.Length is 0 or > MaxAreaLength || string.IsNullOrWhiteSpace(area))
        {
            return SearchResults.Empty;
        }

        var order = snapshot.SearchOrder(request.Language, _options.DefaultLanguage).ToList();
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            return new SearchResults { Hits = Browse(order, area, request.User, max) };
        }

        foreach (var index in order)
        {
            var hits = SearchInArea(index, area, request, max);
            if (hits.Count > 0)
            {
                return new SearchResults { Hits = hits };
            }
        }

        return SearchResults.Empty;
    }

    /// <summary>
    /// The area's articles the user may see, each in the user's language or else the default language: the most "Yes"
    /// answers net of "No" first, then the most "Yes", then by title.
    /// </summary>
    private List<ArticleHit> Browse(List<LanguageIndex> order, string area, HelpUser user, int max)
    {
        var signals = Signals.Current;
        var articles = new Dictionary<string, HelpArticle>(StringComparer.Ordinal);
        foreach (var index in order)
        {
            foreach (var article in index.Articles)
            {
                if (string.Equals(article.Area, area, StringComparison.OrdinalIgnoreCase) && article.IsVisibleTo(user))
                {
                    articles.TryAdd(article.Id, article);
                }
            }
        }

        return [.. articles.Values
            .Select(a => (Article: a, Signals: signals.GetValueOrDefault(a.Id)))
            .OrderByDescending(a => (a.Signals?.HelpfulVotes ?? 0) - (a.Signals?.UnhelpfulVotes ?? 0))
            .ThenByDescending(a => a.Signals?.HelpfulVotes ?? 0)
            .ThenBy(a => a.Article.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(a => a.Article.Id, StringComparer.Ordinal)
            .Take(max)
            .Select(a => Hit(a.Article, 0, string.Empty))];
    }

    /// <summary>The query's word matches among the area's documents, reordered as every search is (<see cref="Ranking"/>).</summary>
    private List<ArticleHit> SearchInArea(LanguageIndex index, string area, SearchRequest request, int max)
    {
        var query = QueryText.Parse(request.Query, index, _options.MaxQueryLength);
        if (query.IsEmpty)
        {
            return [];
        }

        var inArea = new FilteredQuery(
            QueryBuilder.Build(index, query),
            new QueryWrapperFilter(new TermQuery(new Term(LanguageIndex.AreaField, area.ToLowerInvariant()))));
        var candidates = index.HasRestrictedArticles
            ? index.Searcher.Search(inArea, index.AudienceFilter(request.User), max * Ranking.CandidatesPerResult)
            : index.Searcher.Search(inArea, max * Ranking.CandidatesPerResult);
        var signals = Signals.Current;
        return [.. candidates.ScoreDocs
            .Select(d => (d.Doc, Score: d.Score * Ranking.Factor(index.Article(d.Doc), request.Context, signals)))
            .OrderByDescending(c => c.Score)
            .Take(max)
            .Select(c => Hit(index.Article(c.Doc), c.Score, index.Snippet(c.Doc, query)))];
    }
}
