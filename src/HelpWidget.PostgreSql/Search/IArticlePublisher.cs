namespace HelpWidget.PostgreSql;

/// <summary>
/// Puts articles into the database that every instance's search reads (<c>AddPostgreSqlArticles()</c>). Any instance or a
/// deployment step may publish; publishes take turns. Each instance's search finds the change within a second or two.
/// </summary>
public interface IArticlePublisher
{
    /// <summary>
    /// Makes the shared articles exactly <paramref name="articles"/>, in every language: writes those that are new or
    /// differ (compared by a hash of their content), removes those that are missing, and notifies every instance once
    /// when anything changed. Articles that cannot be stored (an empty or over-long id or language, two with the same
    /// id and language, the NUL character) are left out and listed in the result.
    /// </summary>
    /// <param name="articles">The complete set of articles.</param>
    /// <param name="cancellationToken">A token that cancels the publish, which then changes nothing.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="articles"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="Npgsql.NpgsqlException">The database cannot be reached; nothing was changed.</exception>
    Task<ArticlePublishResult> PublishAsync(IReadOnlyList<HelpArticle> articles, CancellationToken cancellationToken = default);
}
