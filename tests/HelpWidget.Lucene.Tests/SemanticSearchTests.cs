using HelpWidget.Lucene.Semantic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

/// <summary>The meaning-aware layer: hybrid ranking once vectors are ready, and word matching whenever it cannot help.</summary>
public sealed class SemanticSearchTests : IDisposable
{
    /// <summary>Shares no word with the strikethrough article; the test generator knows "crossed" means "strikethrough".</summary>
    internal const string Paraphrase = "letters crossed out";

    private readonly string _cacheFolder = Path.Combine(Path.GetTempPath(), "hw-vectors-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    internal static HelpArticle[] Articles { get; } =
    [
        Article("strikethrough", "Strikethrough text", "Draw a line through selected words in the editor toolbar."),
        Article("vpn-connect", "Connect to the VPN", "Start the VPN client from the system tray and sign in."),
        Article("holiday", "Book a holiday", "Ask your manager for vacation days in the leave calendar."),
        Article("salary-review", "Salary review", "Managers propose wage changes once a year.", audiences: ["manager"]),
    ];

    [Fact]
    public async Task SearchAsync_NoGenerator_ParaphraseFindsNothing()
    {
        using var provider = Create(new TestArticleSource(Articles), generator: null);

        var results = await provider.SearchAsync(new SearchRequest { Query = Paraphrase }, Token);
        var typing = await provider.SearchAsync(new SearchRequest { Query = "vpn", AsYouType = true }, Token);

        Assert.Empty(results.Hits);
        Assert.Null(provider.Semantic.For("en"));
        Assert.NotEmpty(typing.Hits);
        Assert.False(typing.Refinable);
    }

    [Fact]
    public async Task SearchAsync_VectorsReady_ParaphraseSharingNoWordFindsTheArticle()
    {
        var generator = new TestEmbeddingGenerator();
        using var provider = Create(new TestArticleSource(Articles), generator);
        await provider.WaitForVectorsAsync("en", Token);

        var results = await provider.SearchAsync(new SearchRequest { Query = Paraphrase }, Token);

        Assert.Equal("strikethrough", results.Hits[0].Id);
        Assert.Equal(1, generator.QueriesEmbedded);
    }

    [Fact]
    public async Task SearchAsync_WordMatchStillLeads_WhenTheQueryNamesTheArticle()
    {
        using var provider = Create(new TestArticleSource(Articles), new TestEmbeddingGenerator());
        await provider.WaitForVectorsAsync("en", Token);

        var results = await provider.SearchAsync(new SearchRequest { Query = "vpn client" }, Token);

        Assert.Equal("vpn-connect", results.Hits[0].Id);
        Assert.Contains("<mark>", results.Hits[0].SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_AsYouType_StaysWordMatching()
    {
        var generator = new TestEmbeddingGenerator();
        using var provider = Create(new TestArticleSource(Articles), generator);
        await provider.WaitForVectorsAsync("en", Token);

        var typing = await provider.SearchAsync(new SearchRequest { Query = Paraphrase, AsYouType = true }, Token);
        var settled = await provider.SearchAsync(new SearchRequest { Query = Paraphrase }, Token);

        Assert.Empty(typing.Hits);
        Assert.True(typing.Refinable);
        Assert.Equal("strikethrough", settled.Hits[0].Id);
        Assert.False(settled.Refinable);
        Assert.Equal(1, generator.QueriesEmbedded);
    }

    [Fact]
    public async Task SearchAsync_VectorsNotReady_AnswersByWordsAtOnce()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var generator = new TestEmbeddingGenerator { OnGenerate = (_, type, _) => type == "document" ? release.Task : Task.CompletedTask };
        using var provider = Create(new TestArticleSource(Articles), generator);

        var words = await provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token);
        var paraphrase = await provider.SearchAsync(new SearchRequest { Query = Paraphrase }, Token);
        release.SetResult();
        await provider.WaitForVectorsAsync("en", Token);
        var ready = await provider.SearchAsync(new SearchRequest { Query = Paraphrase }, Token);

        Assert.Equal("vpn-connect", words.Hits[0].Id);
        Assert.Empty(paraphrase.Hits);
        Assert.Equal(1, generator.QueriesEmbedded);
        Assert.Equal("strikethrough", ready.Hits[0].Id);
    }

    [Fact]
    public async Task SearchAsync_QueryGeneratorThrows_AnswersByWordsAndLogs()
    {
        var logger = new RecordingLogger<LuceneKnowledgeProvider>();
        var generator = new TestEmbeddingGenerator { OnGenerate = (_, type, _) => type == "query" ? throw new HttpRequestException("service down") : Task.CompletedTask };
        using var provider = Create(new TestArticleSource(Articles), generator, logger: logger);
        await provider.WaitForVectorsAsync("en", Token);

        var results = await provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token);

        Assert.Equal("vpn-connect", results.Hits[0].Id);
        Assert.Single(logger.Of("QueryEmbeddingFailed"));
        Assert.DoesNotContain(logger.Entries, e => e.Values.Values.Any(v => v as string == "vpn"));
    }

    [Fact]
    public async Task SearchAsync_QueryGeneratorSlow_AnswersByWordsAfterTheTimeout_AndCachesTheLateVector()
    {
        var logger = new RecordingLogger<LuceneKnowledgeProvider>();
        var slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var generator = new TestEmbeddingGenerator { OnGenerate = (_, type, _) => type == "query" ? slow.Task : Task.CompletedTask };
        using var provider = Create(new TestArticleSource(Articles), generator, options => options.QueryTimeout = TimeSpan.FromMilliseconds(10), logger);
        await provider.WaitForVectorsAsync("en", Token);

        var timedOut = await provider.SearchAsync(new SearchRequest { Query = Paraphrase }, Token);
        slow.SetResult();
        var vectors = provider.Semantic.For("en")!;
        await WaitUntilAsync(() => vectors.Queries.Count == 1);
        var later = await provider.SearchAsync(new SearchRequest { Query = Paraphrase }, Token);

        Assert.Empty(timedOut.Hits);
        Assert.Single(logger.Of("QueryEmbeddingTimedOut"));
        Assert.Equal("strikethrough", later.Hits[0].Id);
        Assert.Equal(1, generator.QueriesEmbedded);
    }

    [Fact]
    public async Task SearchAsync_ArticleEmbeddingFails_SearchStaysWordMatchingAndLogs()
    {
        var logger = new RecordingLogger<LuceneKnowledgeProvider>();
        var generator = new TestEmbeddingGenerator { OnGenerate = (_, type, _) => type == "document" ? throw new InvalidOperationException("model missing") : Task.CompletedTask };
        using var provider = Create(new TestArticleSource(Articles), generator, logger: logger);

        var results = await provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token);
        await WaitUntilAsync(() => !logger.Of("ArticleEmbeddingFailed").Count.Equals(0));
        var after = await provider.SearchAsync(new SearchRequest { Query = Paraphrase }, Token);

        Assert.Equal("vpn-connect", results.Hits[0].Id);
        Assert.Empty(after.Hits);
        Assert.Equal(0, generator.QueriesEmbedded);
    }

    [Fact]
    public async Task SearchAsync_SameQueryTwice_EmbedsItOnce()
    {
        var generator = new TestEmbeddingGenerator();
        using var provider = Create(new TestArticleSource(Articles), generator);
        await provider.WaitForVectorsAsync("en", Token);

        await provider.SearchAsync(new SearchRequest { Query = "book  a holiday" }, Token);
        await provider.SearchAsync(new SearchRequest { Query = " book a holiday " }, Token);

        Assert.Equal(1, generator.QueriesEmbedded);
    }

    [Fact]
    public async Task SearchAsync_RestrictedArticle_NearestByMeaning_ReachesOnlyItsAudience()
    {
        using var provider = Create(new TestArticleSource(Articles), new TestEmbeddingGenerator());
        await provider.WaitForVectorsAsync("en", Token);

        // "paycheck" and "earnings" share no word with the salary article, only its meaning.
        var anonymous = await provider.SearchAsync(new SearchRequest { Query = "paycheck earnings" }, Token);
        var manager = await provider.SearchAsync(new SearchRequest { Query = "paycheck earnings", User = new HelpUser { Audiences = ["manager"] } }, Token);

        Assert.DoesNotContain(anonymous.Hits, h => h.Id == "salary-review");
        Assert.Equal("salary-review", manager.Hits[0].Id);
    }

    [Fact]
    public async Task SearchAsync_HitFoundByMeaningOnly_HasAnEncodedSnippet()
    {
        var articles = Articles.Append(Article("markup", "Vacation <b>planner</b>", "Use <script>alert(1)</script> & plan your days off.")).ToArray();
        using var provider = Create(new TestArticleSource(articles), new TestEmbeddingGenerator());
        await provider.WaitForVectorsAsync("en", Token);

        var results = await provider.SearchAsync(new SearchRequest { Query = "holiday" }, Token);

        var hit = Assert.Single(results.Hits, h => h.Id == "markup");
        Assert.DoesNotContain("<script", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vectors_AfterRestart_ComeFromTheCache_AndAChangedArticleIsEmbeddedAlone()
    {
        var first = new TestEmbeddingGenerator();
        using (var provider = Create(new TestArticleSource(Articles), first, options => options.VectorCachePath = _cacheFolder))
        {
            await provider.WaitForVectorsAsync("en", Token);
        }

        var second = new TestEmbeddingGenerator();
        using (var provider = Create(new TestArticleSource(Articles), second, options => options.VectorCachePath = _cacheFolder))
        {
            await provider.WaitForVectorsAsync("en", Token);
            Assert.Equal("strikethrough", (await provider.SearchAsync(new SearchRequest { Query = Paraphrase }, Token)).Hits[0].Id);
        }

        var changed = Articles.Select(a => a.Id == "holiday" ? Article("holiday", "Book a holiday", "Ask for vacation days in the HR portal.") : a).ToArray();
        var third = new TestEmbeddingGenerator();
        using (var provider = Create(new TestArticleSource(changed), third, options => options.VectorCachePath = _cacheFolder))
        {
            await provider.WaitForVectorsAsync("en", Token);
        }

        Assert.Equal(Articles.Length, first.DocumentsEmbedded);
        Assert.Equal(0, second.DocumentsEmbedded);
        Assert.Equal(1, third.DocumentsEmbedded);
    }

    [Fact]
    public async Task Vectors_OtherModel_MissTheCache()
    {
        using (var provider = Create(new TestArticleSource(Articles), new TestEmbeddingGenerator("model-a"), options => options.VectorCachePath = _cacheFolder))
        {
            await provider.WaitForVectorsAsync("en", Token);
        }

        var other = new TestEmbeddingGenerator("model-b");
        using (var provider = Create(new TestArticleSource(Articles), other, options => options.VectorCachePath = _cacheFolder))
        {
            await provider.WaitForVectorsAsync("en", Token);
        }

        Assert.Equal(Articles.Length, other.DocumentsEmbedded);
    }

    [Fact]
    public async Task Vectors_DamagedCacheFile_IsIgnoredAndWrittenAgain()
    {
        using (var provider = Create(new TestArticleSource(Articles), new TestEmbeddingGenerator(), options => options.VectorCachePath = _cacheFolder))
        {
            await provider.WaitForVectorsAsync("en", Token);
        }

        var file = Directory.EnumerateFiles(_cacheFolder, "en.vec", SearchOption.AllDirectories).Single();
        await File.WriteAllBytesAsync(file, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], Token);
        var logger = new RecordingLogger<LuceneKnowledgeProvider>();
        var generator = new TestEmbeddingGenerator();
        using (var provider = Create(new TestArticleSource(Articles), generator, options => options.VectorCachePath = _cacheFolder, logger))
        {
            await provider.WaitForVectorsAsync("en", Token);
            Assert.Equal("strikethrough", (await provider.SearchAsync(new SearchRequest { Query = Paraphrase }, Token)).Hits[0].Id);
        }

        Assert.Single(logger.Of("VectorCacheUnreadable"));
        Assert.Equal(Articles.Length, generator.DocumentsEmbedded);
        Assert.True(new FileInfo(file).Length > 100);
    }

    [Fact]
    public async Task LiveReload_ChangedArticle_IsEmbeddedAloneAndFoundByItsNewMeaning()
    {
        var generator = new TestEmbeddingGenerator();
        var source = new TestArticleSource(Articles);
        using var provider = Create(source, generator);
        await provider.WaitForVectorsAsync("en", Token);

        var reloaded = provider.NextReload;
        source.Change([.. Articles.Select(a => a.Id == "vpn-connect" ? Article("vpn-connect", "Connect to the VPN", "Forgot the passcode? Start the VPN client.") : a)]);
        await reloaded;
        await provider.WaitForVectorsAsync("en", Token);
        var results = await provider.SearchAsync(new SearchRequest { Query = "credentials" }, Token);

        Assert.Equal(Articles.Length + 1, generator.DocumentsEmbedded);
        Assert.Equal("vpn-connect", results.Hits[0].Id);
    }

    [Fact]
    public async Task SearchAsync_OtherLanguageWithoutGenerator_IsWordMatching()
    {
        var generator = new TestEmbeddingGenerator();
        var articles = Articles.Append(Article("semester", "Boka semester", "Be din chef om semesterdagar.", language: "sv")).ToArray();
        using var provider = Create(new TestArticleSource(articles), generator);
        await provider.WaitForVectorsAsync("en", Token);

        var results = await provider.SearchAsync(new SearchRequest { Query = "semester", Language = "sv" }, Token);

        Assert.Equal(("semester", "sv"), (results.Hits[0].Id, results.Hits[0].Language));
        Assert.Equal(0, generator.QueriesEmbedded);
        Assert.Null(provider.Semantic.For("sv"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_cacheFolder))
        {
            Directory.Delete(_cacheFolder, recursive: true);
        }
    }

    internal static LuceneKnowledgeProvider Create(
        TestArticleSource source,
        IEmbeddingGenerator<string, Embedding<float>>? generator,
        Action<SemanticSearchOptions>? configure = null,
        ILogger<LuceneKnowledgeProvider>? logger = null)
    {
        var options = new SemanticSearchOptions { VectorCachePath = null, MinSimilarity = 0.2, QueryTimeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        return new LuceneKnowledgeProvider(
            source,
            logger ?? NullLogger<LuceneKnowledgeProvider>.Instance,
            semanticOptions: Options.Create(options),
            generators: new EmbeddingGenerators(language => language == "en" ? generator : null));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
