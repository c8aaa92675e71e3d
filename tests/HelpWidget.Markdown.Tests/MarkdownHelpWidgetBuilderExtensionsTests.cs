using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Markdown.Tests;

public sealed class MarkdownHelpWidgetBuilderExtensionsTests
{
    [Fact]
    public void AddMarkdownContent_AfterAddHelpWidget_RegistersTheMarkdownArticleAndAnnouncementSources()
    {
        using var provider = new ServiceCollection().AddLogging().AddHelpWidget().AddMarkdownContent().Services.BuildServiceProvider();

        Assert.IsType<MarkdownArticleSource>(provider.GetRequiredService<IArticleSource>());
        Assert.IsType<MarkdownAnnouncementSource>(provider.GetRequiredService<IAnnouncementSource>());
    }

    [Fact]
    public void AddMarkdownContent_AppsOwnArticleSource_IsKept()
    {
        var own = new EmptyArticleSource();
        var services = new ServiceCollection().AddLogging().AddSingleton<IArticleSource>(own);
        using var provider = services.AddHelpWidget().AddMarkdownContent().Services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<IArticleSource>());
    }

    [Fact]
    public void AddMarkdownContent_NullBuilder_Throws() =>
        Assert.Throws<ArgumentNullException>("builder", () => MarkdownHelpWidgetBuilderExtensions.AddMarkdownContent(null!));

    private sealed class EmptyArticleSource : IArticleSource
    {
        public event EventHandler? ArticlesChanged { add { } remove { } }

        public Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<HelpArticle>>([]);
    }
}
