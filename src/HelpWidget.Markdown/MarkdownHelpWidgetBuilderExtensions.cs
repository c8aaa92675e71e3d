using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HelpWidget.Markdown;

/// <summary>Adds the Markdown article and announcement sources to HelpWidget.</summary>
public static class MarkdownHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Reads articles from the Markdown files of <see cref="MarkdownContentOptions.ArticlesPath"/> (as the
    /// <see cref="IArticleSource"/> a search engine such as <c>AddLuceneSearch()</c> indexes), the areas defined in its
    /// <c>areas.yml</c> (as the <see cref="IHelpAreaSource"/>) and announcements from those of
    /// <see cref="MarkdownContentOptions.AnnouncementsPath"/> (as the <see cref="IAnnouncementSource"/>). Front matter is YAML,
    /// the body is turned into sanitised HTML, and changed files are read again. Each load checks the folder
    /// as <see cref="KnowledgeBaseLinter"/> does and logs every problem: as a warning when content is left out (a file
    /// that cannot be read, a duplicate id, a broken areas file), otherwise as information. A source the app registered itself,
    /// before or after this call, is kept. The options are validated when the app starts.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddMarkdownContent(this IHelpWidgetBuilder builder, Action<MarkdownContentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<MarkdownContentOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MarkdownContentOptions>, MarkdownContentOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IArticleSource, MarkdownArticleSource>();
        builder.Services.TryAddSingleton<IAnnouncementSource, MarkdownAnnouncementSource>();
        builder.Services.TryAddSingleton<IHelpAreaSource, MarkdownAreaSource>();
        return builder;
    }
}
