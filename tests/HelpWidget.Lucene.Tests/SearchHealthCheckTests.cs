using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

/// <summary>The search's readiness as a health check: Degraded while the index or the vectors are not ready, Healthy after.</summary>
public sealed class SearchHealthCheckTests : IDisposable
{
    private readonly string _cacheFolder = Path.Combine(Path.GetTempPath(), "hw-health-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_BeforeTheIndexIsBuilt_IsDegraded_ThenHealthyWithWordMatchingAlone()
    {
        using var provider = SemanticSearchTests.Create(new TestArticleSource(SemanticSearchTests.Articles), generator: null);
        var check = new LuceneSearchHealthCheck(provider);

        var building = await CheckAsync(check);
        await provider.EnsureIndexAsync(Token);
        var built = await CheckAsync(check);

        Assert.Equal(HealthStatus.Degraded, building.Status);
        Assert.Contains("being built", building.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, built.Status);
        Assert.Equal("Search ready: en: 4 articles by words", built.Description);
        Assert.Equal(4, built.Data["en.articles"]);
        Assert.False(built.Data.ContainsKey("en.vectors_ready"));
    }

    [Fact]
    public async Task Check_WhileVectorsAreComputed_IsDegradedWithHowManyAreReady_ThenHealthy()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var generator = new TestEmbeddingGenerator { OnGenerate = (_, type, _) => type == "document" ? release.Task : Task.CompletedTask };
        using var provider = SemanticSearchTests.Create(new TestArticleSource(SemanticSearchTests.Articles), generator);
        var check = new LuceneSearchHealthCheck(provider);
        await provider.EnsureIndexAsync(Token);

        var computing = await CheckAsync(check);
        release.SetResult();
        await provider.WaitForVectorsAsync("en", Token);
        var ready = await CheckAsync(check);

        Assert.Equal(HealthStatus.Degraded, computing.Status);
        Assert.Equal("meaning-aware search (en): 0 of 4 articles ready; searched by words until all are", computing.Description);
        Assert.Equal(0, computing.Data["en.vectors_ready"]);
        Assert.Equal(HealthStatus.Healthy, ready.Status);
        Assert.Equal("Search ready: en: 4 articles by meaning and words", ready.Description);
        Assert.Equal(4, ready.Data["en.vectors_ready"]);
        Assert.Equal(4, ready.Data["en.articles"]);
    }

    [Fact]
    public async Task Check_AfterARestartWithOneArticleChanged_CountsTheCachedVectorsAsReady()
    {
        using (var first = SemanticSearchTests.Create(new TestArticleSource(SemanticSearchTests.Articles), new TestEmbeddingGenerator(), o => o.VectorCachePath = _cacheFolder))
        {
            await first.WaitForVectorsAsync("en", Token);
        }

        HelpArticle[] changed = [.. SemanticSearchTests.Articles.Select(a => a.Id == "holiday" ? Article("holiday", "Book a holiday", "Ask for vacation days in the leave calendar.") : a)];
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var generator = new TestEmbeddingGenerator { OnGenerate = (_, type, _) => type == "document" ? release.Task : Task.CompletedTask };
        using var restarted = SemanticSearchTests.Create(new TestArticleSource(changed), generator, o => o.VectorCachePath = _cacheFolder);
        var check = new LuceneSearchHealthCheck(restarted);
        await restarted.EnsureIndexAsync(Token);

        // The cache is read by the background pass: wait for it rather than for a time.
        var result = await CheckAsync(check);
        for (var tries = 0; (int)result.Data["en.vectors_ready"] < 3 && tries < 3000; tries++)
        {
            await Task.Delay(10, Token);
            result = await CheckAsync(check);
        }

        release.SetResult();
        await restarted.WaitForVectorsAsync("en", Token);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("meaning-aware search (en): 3 of 4 articles ready; searched by words until all are", result.Description);
        Assert.Equal(1, generator.DocumentsEmbedded);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
    }

    [Fact]
    public async Task Check_WhenEmbeddingTheArticlesFails_IsDegradedAndSaysWhy()
    {
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var generator = new TestEmbeddingGenerator
        {
            OnGenerate = (_, type, _) =>
            {
                if (type == "document")
                {
                    failed.TrySetResult();
                    throw new HttpRequestException("model service down");
                }

                return Task.CompletedTask;
            },
        };
        using var provider = SemanticSearchTests.Create(new TestArticleSource(SemanticSearchTests.Articles), generator);
        var check = new LuceneSearchHealthCheck(provider);
        await provider.EnsureIndexAsync(Token);
        await failed.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);

        var result = await CheckAsync(check);
        for (var tries = 0; !result.Description!.Contains("failed", StringComparison.Ordinal) && tries < 3000; tries++)
        {
            await Task.Delay(10, Token);
            result = await CheckAsync(check);
        }

        var words = await provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("meaning-aware search (en) failed, 0 of 4 articles ready; searched by words until the articles change (HttpRequestException: model service down)", result.Description);
        Assert.Equal("vpn-connect", words.Hits[0].Id);
    }

    [Fact]
    public async Task AddLuceneSearch_RegistersTheCheck_SoAddCheckByTypeFindsIt()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<IArticleSource>(new TestArticleSource(SemanticSearchTests.Articles));
        services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>("en", new TestEmbeddingGenerator());
        services.AddHelpWidget().AddLuceneSearch();
        services.Configure<SemanticSearchOptions>(options => options.VectorCachePath = null);
        await using var provider = services.BuildServiceProvider();

        // What AddCheck<T>() does to obtain the check.
        var check = ActivatorUtilities.GetServiceOrCreateInstance<LuceneSearchHealthCheck>(provider);
        await provider.GetRequiredService<LuceneKnowledgeProvider>().WaitForVectorsAsync("en", Token);
        var result = await CheckAsync(check);

        Assert.Same(check, provider.GetRequiredService<LuceneSearchHealthCheck>());
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(4, result.Data["en.vectors_ready"]);
    }

    private static Task<HealthCheckResult> CheckAsync(LuceneSearchHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("search", check, HealthStatus.Unhealthy, null) }, Token);

    public void Dispose()
    {
        if (Directory.Exists(_cacheFolder))
        {
            Directory.Delete(_cacheFolder, recursive: true);
        }
    }
}
