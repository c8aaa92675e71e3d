namespace HelpWidget.PostgreSql;

/// <summary>Options of the articles shared through PostgreSQL (<c>AddPostgreSqlArticles()</c>); validated when the app starts.</summary>
public sealed class PostgreSqlArticleOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether this instance publishes, when it starts and after every change they
    /// report, the articles of the source registered before <c>AddPostgreSqlArticles()</c> (such as the Markdown files
    /// of <c>AddMarkdownContent()</c>). Let one instance, or a deployment step calling <see cref="IArticlePublisher"/>,
    /// publish; the others only read. Defaults to <see langword="false"/>.
    /// </summary>
    public bool PublishLocalArticles { get; set; }

    /// <summary>
    /// Gets or sets how often an instance checks the database for a change it was not notified of (a notification is
    /// lost while the listening connection is down); <see cref="TimeSpan.Zero"/> turns the check off. From zero to one
    /// day, and at least one second when on. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
