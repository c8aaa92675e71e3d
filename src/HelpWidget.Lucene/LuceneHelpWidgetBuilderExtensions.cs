using HelpWidget.Markdown;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HelpWidget.Lucene;

/// <summary>Adds the embedded Lucene.Net search engine to HelpWidget.</summary>
public static class LuceneHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Uses the embedded Lucene.Net engine as the knowledge provider. It indexes the articles of the registered
    /// <see cref="IArticleSource"/> in memory, in the background once the app has started: the app answers at once, and
    /// searches made before the index is ready wait for it (<see cref="LuceneSearchOptions.IndexWaitTimeout"/>).
    /// Unless the app registers a source of its own, the articles (and announcements) are the Markdown files that
    /// <see cref="HelpWidget.Markdown.MarkdownHelpWidgetBuilderExtensions.AddMarkdownContent"/> reads, which this call adds.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddLuceneSearch(this IHelpWidgetBuilder builder, Action<LuceneSearchOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<LuceneSearchOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(
            o => o.SignalsRefreshInterval >= TimeSpan.FromSeconds(1) && o.SignalsRefreshInterval <= TimeSpan.FromDays(1),
            "HelpWidget Lucene search: SignalsRefreshInterval must be between 00:00:01 and 1.00:00:00.")
            .Validate(
            o => o.IndexWaitTimeout >= TimeSpan.FromSeconds(1) && o.IndexWaitTimeout <= TimeSpan.FromMinutes(10),
            "HelpWidget Lucene search: IndexWaitTimeout must be between 00:00:01 and 00:10:00.")
            .ValidateOnStart();

        // The engine is useless without articles: the Markdown files are the default, and a source the app registers wins.
        builder.AddMarkdownContent();
        builder.Services.TryAddSingleton<LuceneKnowledgeProvider>();
        builder.Services.TryAddSingleton<IKnowledgeProvider>(sp => sp.GetRequiredService<LuceneKnowledgeProvider>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LuceneIndexWarmup>());
        return builder;
    }
}
