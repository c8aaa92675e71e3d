using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace HelpWidget.Http.Tests;

/// <summary>
/// When the help server is stopped, hangs or fails, help goes offline, what was already received is still answered,
/// and help comes back online by itself when the server does.
/// </summary>
public sealed class OfflineTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    private static readonly SearchRequest s_expensePage = new() { Context = new HelpContext { Route = "/expenses/new" } };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServerStopped_GoesOfflineServesWhatItHasAndComesBackWhenTheServerDoes()
    {
        var time = new FakeTimeProvider();
        var server = await TestHelpServer.StartAsync(TestData.Articles, cancellationToken: Token);
        await using var stopped = server;
        await using var client = new TestClient(server.Address, o => o.MaxRetryAttempts = 0, s => s.AddSingleton<TimeProvider>(time));
        var changes = Record(client.Connectivity);
        var suggestions = await client.Provider.SuggestAsync(s_expensePage, Token);
        var article = await client.Provider.GetArticleAsync(new ArticleRequest("vpn-connect"), Token);

        await server.StopAsync();
        var failure = await Assert.ThrowsAsync<HelpServerException>(() => client.Provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token));

        Assert.True(failure.IsUnavailable);
        Assert.Null(failure.StatusCode);
        Assert.StartsWith("Help is offline", failure.Message, StringComparison.Ordinal);
        Assert.False(client.Connectivity.IsOnline);
        Assert.Equal(Ids(suggestions), Ids(await client.Provider.SuggestAsync(s_expensePage, Token)));
        Assert.Equal(article!.Html, (await client.Provider.GetArticleAsync(new ArticleRequest("vpn-connect"), Token))!.Html);
        Assert.Equal([false], changes.Values);

        await using var back = await server.RestartAsync(TestData.Articles, Token);
        var online = NextChange(client.Connectivity);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(await online.WaitAsync(s_bound, Token));
        Assert.Equal([false, true], changes.Values);
        Assert.Equal("password-reset", (await client.Provider.SearchAsync(new SearchRequest { Query = "password" }, Token)).Hits[0].Id);
    }

    [Fact]
    public async Task ServerAnswers500_GoesOfflineUntilAProbeFindsItAnsweringAgain()
    {
        var time = new FakeTimeProvider();
        await using var server = await TestHelpServer.StartAsync(TestData.Articles, cancellationToken: Token);
        await using var client = new TestClient(server.Address, o => o.MaxRetryAttempts = 0, s => s.AddSingleton<TimeProvider>(time));
        var changes = Record(client.Connectivity);
        var suggestions = await client.Provider.SuggestAsync(s_expensePage, Token);

        server.Failing = true;
        var failure = await Assert.ThrowsAsync<HelpServerException>(() => client.Provider.GetArticleAsync(new ArticleRequest("password-reset"), Token));

        Assert.Equal((true, 500), (failure.IsUnavailable, failure.StatusCode));
        Assert.False(client.Connectivity.IsOnline);
        Assert.Equal(Ids(suggestions), Ids(await client.Provider.SuggestAsync(s_expensePage, Token)));

        var requests = server.Requests;
        server.Failing = false;
        var online = NextChange(client.Connectivity);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(await online.WaitAsync(s_bound, Token));
        Assert.Equal(requests + 1, server.Requests);
        Assert.Equal([false, true], changes.Values);
    }

    [Fact]
    public async Task ServerHangs_AttemptTimesOutGoesOfflineServesTheCacheAndRecoversWhenAServerAnswersThere()
    {
        var first = await TestHelpServer.StartAsync(TestData.Articles, cancellationToken: Token);
        await using var stopped = first;
        await using var client = new TestClient(first.Address, o =>
        {
            // Long enough for a loaded machine's healthy answer, short enough to wait out twice.
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetryAttempts = 0;
            o.ProbeInterval = TimeSpan.FromMilliseconds(100);
            o.MaxProbeInterval = TimeSpan.FromMilliseconds(400);
        });
        await client.Provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token);
        var suggestions = await client.Provider.SuggestAsync(s_expensePage, Token);
        await first.StopAsync();
        var offline = NextChange(client.Connectivity);

        var answered = await WhileStalledAsync(first.Address.Port, async () =>
        {
            var fromCache = await client.Provider.SuggestAsync(s_expensePage, Token);
            var failure = await Assert.ThrowsAsync<HelpServerException>(() => client.Provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token));
            Assert.True(failure.IsUnavailable);
            Assert.Contains("could not be reached", failure.Message, StringComparison.Ordinal);
            return fromCache;
        });

        Assert.False(await offline.WaitAsync(s_bound, Token));
        Assert.Equal(Ids(suggestions), Ids(answered));
        var online = client.Connectivity.IsOnline ? Task.FromResult(true) : NextChange(client.Connectivity);
        await using var back = await first.RestartAsync(TestData.Articles, Token);
        Assert.True(await online.WaitAsync(s_bound, Token));
    }

    [Fact]
    public async Task ServerKeepsFailing_CircuitOpensAndCallsFailWithoutReachingTheServer()
    {
        await using var server = await TestHelpServer.StartAsync(TestData.Articles, cancellationToken: Token);
        await using var client = new TestClient(server.Address, o =>
        {
            o.MaxRetryAttempts = 0;
            o.ProbeInterval = TimeSpan.FromMilliseconds(200);
            o.MaxProbeInterval = TimeSpan.FromMilliseconds(500);
        });
        server.Failing = true;

        HelpServerException? refused = null;
        for (var call = 0; call < 20 && refused is null; call++)
        {
            var failure = await Assert.ThrowsAsync<HelpServerException>(() => client.Provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token));
            Assert.True(failure.IsUnavailable);
            refused = failure.InnerException is BrokenCircuitException ? failure : null;
        }

        Assert.NotNull(refused);
        server.Failing = false;
        var requests = server.Requests;
        var whileOpen = await Assert.ThrowsAsync<HelpServerException>(() => client.Provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token));
        Assert.IsType<BrokenCircuitException>(whileOpen.InnerException);
        Assert.Equal(requests, server.Requests);
        Assert.False(client.Connectivity.IsOnline);

        // After the break, a probe is the circuit's trial call: it reaches the healthy server and help is back.
        var online = client.Connectivity.IsOnline ? Task.FromResult(true) : NextChange(client.Connectivity);
        Assert.True(await online.WaitAsync(s_bound, Token));
        Assert.Equal("password-reset", (await client.Provider.SearchAsync(new SearchRequest { Query = "password" }, Token)).Hits[0].Id);
    }

    [Fact]
    public async Task Offline_CachedAnswersOfAnotherUser_AreNotServed()
    {
        var time = new FakeTimeProvider();
        var server = await TestHelpServer.StartAsync(TestData.Articles, cancellationToken: Token);
        await using var stopped = server;
        await using var client = new TestClient(server.Address, o => o.MaxRetryAttempts = 0, s => s.AddSingleton<TimeProvider>(time));
        var manager = new SearchRequest { Context = s_expensePage.Context, User = TestData.Manager };
        Assert.Contains((await client.Provider.SuggestAsync(manager, Token)).Hits, h => h.Id == "expense-approve");
        Assert.NotNull(await client.Provider.GetArticleAsync(new ArticleRequest("expense-approve") { User = TestData.Manager }, Token));

        await server.StopAsync();

        Assert.Contains((await client.Provider.SuggestAsync(manager, Token)).Hits, h => h.Id == "expense-approve");
        await Assert.ThrowsAsync<HelpServerException>(() => client.Provider.SuggestAsync(s_expensePage, Token));
        await Assert.ThrowsAsync<HelpServerException>(() => client.Provider.GetArticleAsync(new ArticleRequest("expense-approve"), Token));
    }

    [Fact]
    public async Task CacheDuration_Passed_OldAnswersAreNoLongerServed()
    {
        var time = new FakeTimeProvider();
        var server = await TestHelpServer.StartAsync(TestData.Articles, cancellationToken: Token);
        await using var stopped = server;
        await using var client = new TestClient(server.Address, o =>
        {
            o.MaxRetryAttempts = 0;
            o.CacheDuration = TimeSpan.FromMinutes(10);
        }, s => s.AddSingleton<TimeProvider>(time));
        await client.Provider.GetArticleAsync(new ArticleRequest("vpn-connect"), Token);
        await server.StopAsync();

        time.Advance(TimeSpan.FromMinutes(10));

        await Assert.ThrowsAsync<HelpServerException>(() => client.Provider.GetArticleAsync(new ArticleRequest("vpn-connect"), Token));
    }

    /// <summary>Runs <paramref name="action"/> while a listener on <paramref name="port"/> accepts connections and never answers.</summary>
    private static async Task<T> WhileStalledAsync<T>(int port, Func<Task<T>> action)
    {
        await using var stall = new StallingListener(port);
        var result = await action();
        Assert.True(stall.Accepted > 0, "The client never reached the stalled listener.");
        return result;
    }

    private static string[] Ids(SearchResults results) => [.. results.Hits.Select(h => h.Id)];

    private static Task<bool> NextChange(IHelpConnectivity connectivity)
    {
        var changed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, EventArgs e)
        {
            connectivity.Changed -= OnChanged;
            changed.TrySetResult(connectivity.IsOnline);
        }

        connectivity.Changed += OnChanged;
        return changed.Task;
    }

    private static ChangeLog Record(IHelpConnectivity connectivity)
    {
        var log = new ChangeLog();
        connectivity.Changed += (_, _) => log.Add(connectivity.IsOnline);
        return log;
    }

    private sealed class ChangeLog
    {
        private readonly List<bool> _values = [];

        public bool[] Values
        {
            get
            {
                lock (_values)
                {
                    return [.. _values];
                }
            }
        }

        public void Add(bool online)
        {
            lock (_values)
            {
                _values.Add(online);
            }
        }
    }
}
