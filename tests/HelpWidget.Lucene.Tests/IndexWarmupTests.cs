using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

/// <summary>The app answers while the index is built in the background; searches made meanwhile wait for it.</summary>
public sealed class IndexWarmupTests
{
    /// <summary>Generous: only keeps a broken implementation from hanging the run; nothing here waits on time to pass.</summary>
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_ArticlesStillLoading_CompletesBeforeTheIndexIsBuilt()
    {
        var source = new GatedArticleSource(Article("vpn", "Connect to the VPN", "Start the client."));
        using var host = Host(source);

        await host.StartAsync(Token).WaitAsync(s_bound, Token);

        await source.LoadStarted.WaitAsync(s_bound, Token);
        Assert.False(source.IsReleased);
        await host.StopAsync(Token);
    }

    [Fact]
    public async Task SearchAsync_DuringTheBuildAtStart_WaitsAndReturnsTheResults()
    {
        var source = new GatedArticleSource(Article("vpn", "Connect to the VPN", "Start the client."));
        using var host = Host(source);
        await host.StartAsync(Token).WaitAsync(s_bound, Token);
        await source.LoadStarted.WaitAsync(s_bound, Token);
        var knowledge = host.Services.GetRequiredService<IKnowledgeProvider>();

        var search = knowledge.SearchAsync(new SearchRequest { Query = "vpn" }, Token);
        var suggest = knowledge.SuggestAsync(new SearchRequest { Context = new HelpContext { Route = "/" } }, Token);
        Assert.False(search.IsCompleted);
        source.Release();

        Assert.Equal("vpn", Assert.Single((await search.WaitAsync(s_bound, Token)).Hits).Id);
        Assert.NotNull(await suggest.WaitAsync(s_bound, Token));
        Assert.Equal(1, source.Loads);
        await host.StopAsync(Token);
    }

    [Fact]
    public async Task StartAsync_BuildFails_HostKeepsRunningLogsItAndTheNextSearchBuildsTheIndex()
    {
        var source = new GatedArticleSource(Article("vpn", "Connect to the VPN", "Start the client.")) { FailFirstLoad = true };
        source.Release();
        var logger = new RecordingLogger<LuceneIndexWarmup>();
        using var host = Host(source, services => services.AddSingleton<ILogger<LuceneIndexWarmup>>(logger));
        await host.StartAsync(Token).WaitAsync(s_bound, Token);

        await host.Services.GetServices<IHostedService>().OfType<LuceneIndexWarmup>().Single().ExecuteTask!.WaitAsync(s_bound, Token);

        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Single(logger.Of("WarmupFailed"));
        var results = await host.Services.GetRequiredService<IKnowledgeProvider>().SearchAsync(new SearchRequest { Query = "vpn" }, Token);
        Assert.Equal("vpn", Assert.Single(results.Hits).Id);
        await host.StopAsync(Token);
    }

    [Fact]
    public async Task StopAsync_DuringTheBuild_CancelsItWithoutLoggingAFailure()
    {
        var source = new GatedArticleSource(Article("vpn", "Connect to the VPN", "Start the client."));
        var logger = new RecordingLogger<LuceneIndexWarmup>();
        using var host = Host(source, services => services.AddSingleton<ILogger<LuceneIndexWarmup>>(logger));
        await host.StartAsync(Token).WaitAsync(s_bound, Token);
        await source.LoadStarted.WaitAsync(s_bound, Token);

        await host.StopAsync(Token).WaitAsync(s_bound, Token);

        var warmup = host.Services.GetServices<IHostedService>().OfType<LuceneIndexWarmup>().Single();
        Assert.True(warmup.ExecuteTask!.IsCompletedSuccessfully);
        Assert.False(source.IsReleased);
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task SearchAsync_BuildLastsLongerThanIndexWaitTimeout_FailsWithTimeout()
    {
        var source = new GatedArticleSource(Article("vpn", "Connect to the VPN", "Start the client."));
        var time = new FakeTimeProvider();
        var searchOptions = Options.Create(new LuceneSearchOptions { IndexWaitTimeout = TimeSpan.FromSeconds(5) });
        using var provider = new LuceneKnowledgeProvider(source, NullLogger<LuceneKnowledgeProvider>.Instance, searchOptions, time: time);
        var build = provider.EnsureIndexAsync(Token);
        await source.LoadStarted.WaitAsync(s_bound, Token);

        var search = provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(search.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<TimeoutException>(() => search.WaitAsync(s_bound, Token));
        source.Release();
        await build.WaitAsync(s_bound, Token);
        Assert.Single((await provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token)).Hits);
    }

    [Fact]
    public async Task SearchAsync_CancelledWhileTheIndexIsBuilt_StopsWaiting()
    {
        var source = new GatedArticleSource(Article("vpn", "Connect to the VPN", "Start the client."));
        using var provider = new LuceneKnowledgeProvider(source, NullLogger<LuceneKnowledgeProvider>.Instance);
        var build = provider.EnsureIndexAsync(Token);
        await source.LoadStarted.WaitAsync(s_bound, Token);
        using var cancellation = new CancellationTokenSource();

        var search = provider.SearchAsync(new SearchRequest { Query = "vpn" }, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => search.WaitAsync(s_bound, Token));
        source.Release();
        await build.WaitAsync(s_bound, Token);
    }

    private static IHost Host(IArticleSource source, Action<IServiceCollection>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(source);
        builder.Services.AddHelpWidget().AddLuceneSearch();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>An article source whose first load waits until the test releases it.</summary>
    private sealed class GatedArticleSource(params HelpArticle[] articles) : IArticleSource
    {
        private readonly TaskCompletionSource _loadStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _loads;

        public event EventHandler? ArticlesChanged
        {
            add { }
            remove { }
        }

        public bool FailFirstLoad { get; init; }

        public Task LoadStarted => _loadStarted.Task;

        public bool IsReleased => _released.Task.IsCompleted;

        public int Loads => Volatile.Read(ref _loads);

        public void Release() => _released.TrySetResult();

        public async Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default)
        {
            var load = Interlocked.Increment(ref _loads);
            _loadStarted.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
            return FailFirstLoad && load == 1 ? throw new IOException("The articles folder cannot be read.") : articles;
        }
    }
}
