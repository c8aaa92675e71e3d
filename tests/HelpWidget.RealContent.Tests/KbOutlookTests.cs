using System.Text.RegularExpressions;
using HelpWidget.Lucene;
using HelpWidget.Markdown;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.RealContent.Tests;

/// <summary>The loader and engine handle 294 real Outlook articles: unknown front matter, DocFX markup, long articles.</summary>
public sealed partial class KbOutlookTests
{
    private static readonly HelpUser s_itPro = new() { Audiences = ["ITPro", "Admin"] };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoadArticlesAsync_EveryArticle_IsLoadedWithTitleTextAndSafeHtml()
    {
        var logger = new CountingLoggerProvider();
        var services = new ServiceCollection().AddLogging(logging => logging.AddProvider(logger));
        services.AddHelpWidget().AddMarkdownContent(o =>
        {
            o.ArticlesPath = SharedData.KbOutlook;
            o.WatchForChanges = false;
        });
        using var provider = services.BuildServiceProvider();

        var articles = await provider.GetRequiredService<IArticleSource>().LoadArticlesAsync(Token);

        Assert.Equal(294, articles.Count);
        Assert.Equal(0, logger.Warnings);
        Assert.All(articles, article =>
        {
            Assert.False(string.IsNullOrWhiteSpace(article.Title));
            Assert.False(string.IsNullOrWhiteSpace(article.Text));
            Assert.DoesNotMatch(UnsafeMarkup(), article.Html);
        });
        Assert.Equal(294, articles.Select(a => a.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("Outlook keeps asking for my password", "authentication")]
    [InlineData("shared calendar not updating", "calendaring")]
    [InlineData("junk email filter moves good messages", "junk-email")]
    [InlineData("pst file too large", "data-files")]
    public async Task SearchAsync_RealQuestion_FindsAnArticleOfTheRightArea(string query, string area)
    {
        using var services = CreateServices();
        var provider = services.GetRequiredService<IKnowledgeProvider>();
        var articles = (await services.GetRequiredService<IArticleSource>().LoadArticlesAsync(Token)).ToDictionary(a => a.Id);
        var areas = Directory.EnumerateFiles(SharedData.KbOutlook, "*.md", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f).ToLowerInvariant(), f => Path.GetFileName(Path.GetDirectoryName(f))!);

        var results = await provider.SearchAsync(new SearchRequest { Query = query, User = s_itPro }, Token);

        Assert.Contains(results.Hits.Take(5), hit => areas.GetValueOrDefault(hit.Id) == area);
        Assert.All(results.Hits, hit => Assert.True(articles.ContainsKey(hit.Id)));
    }

    [Fact]
    public async Task SearchAsync_DocFxAudience_IsTreatedAsARestriction()
    {
        using var services = CreateServices();
        var provider = services.GetRequiredService<IKnowledgeProvider>();

        var anonymous = await provider.SearchAsync(new SearchRequest { Query = "outlook" }, Token);
        var itPro = await provider.SearchAsync(new SearchRequest { Query = "outlook", User = s_itPro }, Token);

        Assert.Empty(anonymous.Hits);
        Assert.NotEmpty(itPro.Hits);
    }

    private static ServiceProvider CreateServices()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget().AddMarkdownContent(o =>
        {
            o.ArticlesPath = SharedData.KbOutlook;
            o.WatchForChanges = false;
        }).AddLuceneSearch(o => o.SynonymsPath = Path.Combine(SharedData.KbOutlook, "synonyms"));
        return services.BuildServiceProvider();
    }

    [GeneratedRegex(@"<script|<[^>]*\son[a-z]+\s*=|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex UnsafeMarkup();

    private sealed class CountingLoggerProvider : ILoggerProvider, ILogger
    {
        public int Warnings { get; private set; }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Warnings++;
            }
        }

        public void Dispose()
        {
        }
    }
}
