using Microsoft.Extensions.Logging;

namespace HelpWidget.PostgreSql.Search;

internal sealed class ArticlePublisher(ArticleTable table, ILogger<ArticlePublisher> logger) : IArticlePublisher
{
    public async Task<ArticlePublishResult> PublishAsync(IReadOnlyList<HelpArticle> articles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var result = await table.PublishAsync(articles, cancellationToken);
        foreach (var refusal in result.Refused)
        {
            Log.ArticleRefused(logger, refusal.Language, refusal.Id, refusal.Reason);
        }

        Log.ArticlesPublished(logger, result.Added, result.Changed, result.Removed, result.Unchanged);
        return result;
    }
}
