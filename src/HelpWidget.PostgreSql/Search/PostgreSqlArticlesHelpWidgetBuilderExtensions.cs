using HelpWidget.PostgreSql.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.PostgreSql;

/// <summary>Shares the articles of search through PostgreSQL, so that every instance of an app answers the same.</summary>
public static class PostgreSqlArticlesHelpWidgetBuilderExtensions
{
    internal const string NoLocalSource =
        "PostgreSqlArticleOptions.PublishLocalArticles is on, but no article source was registered before AddPostgreSqlArticles(): "
        + "call AddMarkdownContent() (package HelpWidget.Markdown), or register your own IArticleSource, before it.";

    /// <summary>
    /// Makes the <see cref="IArticleSource"/> of search the <c>articles</c> table in the PostgreSQL store's schema, which
    /// every instance reads: a search engine that indexes the articles itself, such as <c>AddLuceneSearch()</c>, keeps
    /// its index in step on every instance, reading only the rows that changed, within about a second of a publish
    /// (each instance listens for the publisher's notification). Articles get into the table through
    /// <see cref="IArticlePublisher"/>, registered here, or, with <see cref="PostgreSqlArticleOptions.PublishLocalArticles"/>
    /// on, from the article source registered before this call (such as <c>AddMarkdownContent()</c>), which is then used
    /// for publishing only. Needs <c>AddPostgreSqlStore()</c> for the database, in either order. The options are
    /// validated when the app starts.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddPostgreSqlArticles(this IHelpWidgetBuilder builder, Action<PostgreSqlArticleOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<PostgreSqlArticleOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlArticleOptions>, PostgreSqlArticleOptionsValidator>());
        if (builder.Services.Any(descriptor => descriptor.ServiceType == typeof(PostgreSqlArticleSource)))
        {
            // Called again: the source set aside the first time stays the local one.
            return builder;
        }

        // The source registered so far (Markdown files, say) is what this instance may publish; search reads the table.
        if (builder.Services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IArticleSource) && !descriptor.IsKeyedService) is { } local)
        {
            builder.Services.RemoveAll<IArticleSource>();
            builder.Services.AddSingleton(services => LocalArticles.Create(services, local));
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(services => new ArticleTable(Database(services), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<PostgreSqlArticleSource>(services, Database(services)));
        builder.Services.AddSingleton<IArticleSource>(services => services.GetRequiredService<PostgreSqlArticleSource>());
        builder.Services.TryAddSingleton<IArticlePublisher, ArticlePublisher>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LocalArticlePublishing>());
        return builder;
    }

    private static PostgreSqlDatabase Database(IServiceProvider services) => services.GetService<PostgreSqlDatabase>()
        ?? throw new InvalidOperationException("AddPostgreSqlArticles() needs the PostgreSQL store's database: call AddPostgreSqlStore() too.");
}
