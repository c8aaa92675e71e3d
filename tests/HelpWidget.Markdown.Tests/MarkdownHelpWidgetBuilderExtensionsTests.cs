using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.Markdown.Tests;

public sealed class MarkdownHelpWidgetBuilderExtensionsTests
{
    [Fact]
    public void AddMarkdownContent_AfterAddHelpWidget_RegistersTheMarkdownArticleAndAnnouncementSources()
    {
        using var provider = new ServiceCollection().AddLogging().AddHelpWidget().AddMarkdownContent().Services.BuildServiceProvider();

        Assert.IsType<MarkdownArticleSource>(provider.GetRequiredService<IArticleSource>());
        Assert.IsType<MarkdownAnnouncementSource>(provider.GetRequiredService<IAnnouncementSource>());
        Assert.IsType<MarkdownAreaSource>(provider.GetRequiredService<IHelpAreaSource>());
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

    [Fact]
    public void AddMarkdownContent_Configure_SetsTheFoldersAndLanguageTheSourcesRead()
    {
        using var provider = new ServiceCollection().AddLogging().AddHelpWidget()
            .AddMarkdownContent(o =>
            {
                o.ArticlesPath = "/srv/help/articles";
                o.AnnouncementsPath = "/srv/help/news";
                o.DefaultLanguage = "sv";
            })
            .Services.BuildServiceProvider();

        Assert.Equal(Path.GetFullPath("/srv/help/articles"), ((MarkdownArticleSource)provider.GetRequiredService<IArticleSource>()).RootPath);
        Assert.Equal(Path.GetFullPath("/srv/help/news"), ((MarkdownAnnouncementSource)provider.GetRequiredService<IAnnouncementSource>()).RootPath);
        Assert.Equal("sv", provider.GetRequiredService<IOptions<MarkdownContentOptions>>().Value.DefaultLanguage);
    }

    [Fact]
    public void MarkdownContentOptions_BoundFromTheHelpWidgetSection_ReadsTheKeysTheSamplesUse()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HelpWidget:ArticlesPath"] = "Docs",
            ["HelpWidget:AnnouncementsPath"] = "News",
            ["HelpWidget:DefaultLanguage"] = "fi",
            ["HelpWidget:WatchForChanges"] = "false",
            ["HelpWidget:MaxArticleBytes"] = "2048",
            ["HelpWidget:ApplicationName"] = "An engine option, not one of these",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddHelpWidget()
            .AddMarkdownContent(o => configuration.GetSection("HelpWidget").Bind(o))
            .Services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MarkdownContentOptions>>().Value;

        Assert.Equal(("Docs", "News", "fi", false, 2048), (options.ArticlesPath, options.AnnouncementsPath, options.DefaultLanguage, options.WatchForChanges, options.MaxArticleBytes));
    }

    [Theory]
    [InlineData(nameof(MarkdownContentOptions.ArticlesPath), "")]
    [InlineData(nameof(MarkdownContentOptions.ArticlesPath), "bad\0path")]
    [InlineData(nameof(MarkdownContentOptions.AnnouncementsPath), "")]
    [InlineData(nameof(MarkdownContentOptions.AnnouncementsPath), "bad\0path")]
    [InlineData(nameof(MarkdownContentOptions.DefaultLanguage), "english")]
    [InlineData(nameof(MarkdownContentOptions.DefaultLanguage), "EN")]
    [InlineData(nameof(MarkdownContentOptions.MaxArticleBytes), "10")]
    public void AddMarkdownContent_InvalidOption_FailsWithAMessageNamingThePackageAndTheOption(string option, string value)
    {
        using var provider = new ServiceCollection().AddLogging().AddHelpWidget()
            .AddMarkdownContent(o => Set(o, option, value))
            .Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MarkdownContentOptions>>().Value);

        Assert.Contains("HelpWidget Markdown content", error.Message, StringComparison.Ordinal);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMarkdownContent_InvalidOption_StopsTheAppAtStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddHelpWidget().AddMarkdownContent(o => o.DefaultLanguage = "english");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("DefaultLanguage", error.Message, StringComparison.Ordinal);
    }

    private static void Set(MarkdownContentOptions options, string option, string value)
    {
        switch (option)
        {
            case nameof(MarkdownContentOptions.ArticlesPath): options.ArticlesPath = value; break;
            case nameof(MarkdownContentOptions.AnnouncementsPath): options.AnnouncementsPath = value; break;
            case nameof(MarkdownContentOptions.DefaultLanguage): options.DefaultLanguage = value; break;
            default: options.MaxArticleBytes = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }
    }

    private sealed class EmptyArticleSource : IArticleSource
    {
        public event EventHandler? ArticlesChanged { add { } remove { } }

        public Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<HelpArticle>>([]);
    }
}
