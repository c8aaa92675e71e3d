using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpWidget.Markdown;

/// <summary>Adds the Markdown article and announcement sources to HelpWidget.</summary>
public static class MarkdownHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Reads articles from the Markdown files of <see cref="HelpWidgetOptions.ArticlesPath"/> (as the
    /// <see cref="IArticleSource"/> a search engine such as <c>AddLuceneSearch()</c> indexes) and announcements from those of
    /// <see cref="HelpWidgetOptions.AnnouncementsPath"/> (as the <see cref="IAnnouncementSource"/>). Front matter is YAML,
    /// the body is turned into sanitised HTML, and changed files are read again. A source the app registered itself,
    /// before or after this call, is kept.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddMarkdownContent(this IHelpWidgetBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IArticleSource, MarkdownArticleSource>();
        builder.Services.TryAddSingleton<IAnnouncementSource, MarkdownAnnouncementSource>();
        return builder;
    }
}
