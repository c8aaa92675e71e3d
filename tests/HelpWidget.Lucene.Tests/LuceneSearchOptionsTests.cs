using HelpWidget.Markdown;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

/// <summary>The engine's own options, and the article source it needs, checked when the app starts.</summary>
public sealed class LuceneSearchOptionsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddLuceneSearch_WithoutAnArticleSource_StopsTheAppAtStartNamingAddMarkdownContent()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddHelpWidget().AddLuceneSearch();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains("AddMarkdownContent()", error.Message, StringComparison.Ordinal);
        Assert.Contains("IArticleSource", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddLuceneSearch_WithAddMarkdownContentInEitherOrder_StartsAndSearchesTheMarkdownFolder(bool markdownFirst)
    {
        var folder = Directory.CreateTempSubdirectory("hw-lucene-options-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "en"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "en", "vpn.md"), "---\nid: vpn\ntitle: Connect to the VPN\n---\nStart the client.", Token);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            var widget = builder.Services.AddHelpWidget();
            Action<MarkdownContentOptions> markdown = o => (o.ArticlesPath, o.WatchForChanges) = (folder.FullName, false);
            _ = markdownFirst ? widget.AddMarkdownContent(markdown).AddLuceneSearch() : widget.AddLuceneSearch().AddMarkdownContent(markdown);
            using var host = builder.Build();

            await host.StartAsync(Token);
            var results = await host.Services.GetRequiredService<IKnowledgeProvider>().SearchAsync(new SearchRequest { Query = "vpn" }, Token);
            await host.StopAsync(Token);

            Assert.Equal("vpn", Assert.Single(results.Hits).Id);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(nameof(LuceneSearchOptions.DefaultLanguage), "english")]
    [InlineData(nameof(LuceneSearchOptions.DefaultLanguage), "SV")]
    [InlineData(nameof(LuceneSearchOptions.MaxQueryLength), "9")]
    [InlineData(nameof(LuceneSearchOptions.MaxQueryLength), "10001")]
    [InlineData(nameof(LuceneSearchOptions.SynonymsPath), "bad\0path")]
    [InlineData(nameof(LuceneSearchOptions.IndexPath), "bad\0path")]
    [InlineData(nameof(LuceneSearchOptions.SignalsRefreshInterval), "00:00:00.5")]
    [InlineData(nameof(LuceneSearchOptions.IndexWaitTimeout), "00:11:00")]
    public void AddLuceneSearch_InvalidOption_FailsWithAMessageNamingThePackageAndTheOption(string option, string value)
    {
        using var provider = new ServiceCollection().AddLogging().AddHelpWidget().AddMarkdownContent()
            .AddLuceneSearch(o => Set(o, option, value))
            .Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LuceneSearchOptions>>().Value);

        Assert.Contains("HelpWidget Lucene search", error.Message, StringComparison.Ordinal);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AddMarkdownContent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LuceneSearchOptions_Defaults_AreValidAndReadTheSynonymsInsideTheDefaultArticlesFolder()
    {
        var options = new LuceneSearchOptions();

        Assert.Equal(("en", 500, "KnowledgeBase/synonyms"), (options.DefaultLanguage, options.MaxQueryLength, options.SynonymsPath));
        Assert.True(new LuceneSearchOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public async Task DefaultLanguage_OfTheEngineOptions_IsSearchedWhenTheUsersLanguageHasNoArticles()
    {
        using var provider = new LuceneKnowledgeProvider(
            new TestArticleSource(Article("vpn", "Connect to the VPN", "Start the client.", "en"), Article("vpn", "Anslut till VPN", "Starta klienten.", "sv")),
            NullLogger<LuceneKnowledgeProvider>.Instance,
            Options.Create(new LuceneSearchOptions { DefaultLanguage = "sv" }));

        var results = await provider.SearchAsync(new SearchRequest { Query = "vpn", Language = "fi" }, Token);
        var article = await provider.GetArticleAsync(new ArticleRequest("vpn") { Language = "fi" }, Token);

        Assert.Equal("sv", Assert.Single(results.Hits).Language);
        Assert.Equal("sv", article?.Language);
    }

    [Fact]
    public async Task SynonymsPath_Empty_ReadsNoSynonyms()
    {
        using var provider = new LuceneKnowledgeProvider(
            new TestArticleSource(Article("pw", "Change your password", "Choose a new password.")),
            NullLogger<LuceneKnowledgeProvider>.Instance,
            Options.Create(new LuceneSearchOptions { SynonymsPath = string.Empty }));

        Assert.Single((await provider.SearchAsync(new SearchRequest { Query = "password" }, Token)).Hits);
    }

    [Fact]
    public void SynonymsPath_FolderThatDoesNotExist_IsLoggedOnceNamingTheOption()
    {
        var logger = new RecordingLogger<LuceneKnowledgeProvider>();
        var missing = Path.Combine(Path.GetTempPath(), "hw-no-synonyms-" + Guid.NewGuid().ToString("N"));

        using var provider = new LuceneKnowledgeProvider(new TestArticleSource(), logger, Options.Create(new LuceneSearchOptions { SynonymsPath = missing }));

        var entry = Assert.Single(logger.Of("NoSynonymsFolder"));
        Assert.Equal(missing, entry["Folder"]);
    }

    private static void Set(LuceneSearchOptions options, string option, string value)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        switch (option)
        {
            case nameof(LuceneSearchOptions.DefaultLanguage): options.DefaultLanguage = value; break;
            case nameof(LuceneSearchOptions.MaxQueryLength): options.MaxQueryLength = int.Parse(value, culture); break;
            case nameof(LuceneSearchOptions.SynonymsPath): options.SynonymsPath = value; break;
            case nameof(LuceneSearchOptions.IndexPath): options.IndexPath = value; break;
            case nameof(LuceneSearchOptions.SignalsRefreshInterval): options.SignalsRefreshInterval = TimeSpan.Parse(value, culture); break;
            default: options.IndexWaitTimeout = TimeSpan.Parse(value, culture); break;
        }
    }
}
