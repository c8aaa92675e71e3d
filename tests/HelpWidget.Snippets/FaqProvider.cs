using HelpWidget;

namespace Contoso.Help;

/// <summary>A knowledge provider over a fixed list of articles, as shown in the Abstractions README.</summary>
public sealed class FaqProvider(IReadOnlyList<HelpArticle> articles) : IKnowledgeProvider
{
    public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var words = (request.Query ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hits = articles
            .Where(a => a.IsVisibleTo(request.User) && words.Any(w => a.Title.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Take(request.MaxResults)
            .Select(a => new ArticleHit { Id = a.Id, Language = a.Language, Title = a.Title, Summary = a.Summary, SnippetHtml = string.Empty, Score = 1 });
        return Task.FromResult(new SearchResults { Hits = [.. hits] });
    }

    public Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(SearchResults.Empty);

    public Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(articles.FirstOrDefault(a => a.Id == request.ArticleId && a.IsVisibleTo(request.User)));

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;
}
