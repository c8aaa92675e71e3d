using HelpWidget.Insights.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Tests.Insights;

public sealed class SimulationTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 18, 10, 30, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Articles as an app's knowledge folder has them: two languages, routes and keywords as contexts.</summary>
    internal static readonly HelpArticle[] Articles =
    [
        Article("expense-mileage", "en", "Claim mileage for your own car", "/expenses", "travel"),
        Article("expense-claim-submit", "en", "Submit an expense claim", "/expenses", "/expenses/new"),
        Article("expense-missing-receipt", "en", "Lost or missing receipt", "/expenses/new"),
        Article("password-reset", "en", "Reset your password", "/profile", "account"),
        Article("vpn-connect", "en", "Connect to the VPN from home", "/", "remote"),
        Article("leave-request", "en", "Request annual leave", "/leave"),
        Article("printer-queue", "en", "Printing and the printer queue", "printing"),
        Article("expense-mileage", "sv", "Ersättning för resor med egen bil", "/expenses"),
        Article("password-reset", "sv", "Återställ ditt lösenord", "/profile"),
        Article("leave-request", "sv", "Ansök om semester", "/leave"),
    ];

    [Fact]
    public async Task AMonthOfDemoData_IsPlausible_FillsEveryTable_AndIsAllSimulated()
    {
        var store = new MemoryEventStore();
        await using var host = await DemoHost.StartAsync(store);

        Assert.True(await host.Demo.Completed > 1_000);
        var report = await store.GetReportAsync(new HelpInsightsQuery { From = s_now.AddDays(-30), To = s_now, Top = 1000 }, Token);

        Assert.All(store.Events, e => Assert.True(e.IsSimulated));
        Assert.Equal(store.Events.Count, report.SimulatedEvents);
        Assert.InRange(report.SelfServiceRate!.Value, 0.6, 0.75);
        Assert.InRange((double)report.Tickets / report.Funnel.Sessions, 0.1, 0.35);
        Assert.True(report.Funnel is { Sessions: > 2_000 } f && f.Sessions > f.WithSearch && f.WithSearch > f.WithContact && f.WithContact > f.WithTicket, "The funnel narrows.");
        Assert.NotEmpty(report.TopSearches);
        Assert.NotEmpty(report.ZeroResultSearches);
        Assert.NotEmpty(report.SearchesFollowedByTicket);
        Assert.NotEmpty(report.WorstRatedArticles);
        Assert.NotEmpty(report.PagesWithMostContacts);
        Assert.NotEmpty(report.TopDeflectingArticles);
        Assert.True(report.FailedDeflections > 0, "Some users come back with a ticket after reading.");
        Assert.Equal(31, report.Days.Count); // 30 days from 10:30 touch 31 dates
        Assert.All(report.Days, d => Assert.NotNull(d.SelfServiceRate));
        Assert.Contains(report.WorstRatedArticles, a => a.No > 0 && a.Reasons.Count > 0);
    }

    [Fact]
    public async Task DemoData_IsDrawnFromTheAppsArticles_TheirLanguagesAndRoutes_AndEndsAtStartUp()
    {
        var store = new MemoryEventStore();
        await using var host = await DemoHost.StartAsync(store, o => o.Days = 10);
        await host.Demo.Completed;

        var ids = Articles.Select(a => a.Id).ToHashSet();
        var routes = Articles.SelectMany(a => a.Contexts).Where(c => c.StartsWith('/')).Append("/").ToHashSet();
        var titleWords = Articles.SelectMany(a => a.Title.ToLowerInvariant().Split(' ')).ToHashSet();
        Assert.All(store.Events, e =>
        {
            Assert.True(e.ArticleId is null || ids.Contains(e.ArticleId), e.ArticleId);
            Assert.Contains(e.Route!, routes);
            Assert.Contains(e.Language!, (string[])["en", "sv"]);
            Assert.InRange(e.OccurredAt, s_now.AddDays(-10), s_now.AddTicks(-1));
        });
        var searches = store.Events.Where(e => e.Kind == HelpEventKind.Search).ToList();
        Assert.All(searches, s => Assert.All(s.Query!.Split(' '), word => Assert.Contains(word, titleWords)));
        Assert.Equal(
            [HelpArticleSource.Suggestion, HelpArticleSource.Search, HelpArticleSource.FieldHelp, HelpArticleSource.DeepLink, HelpArticleSource.Related],
            store.Events.Where(e => e.Kind == HelpEventKind.ArticleViewed).Select(e => e.Source).Distinct().Order());
        Assert.Equal(
            Enum.GetValues<HelpEventKind>(),
            store.Events.Select(e => e.Kind).Distinct().Order());
        Assert.True(store.Events.Count(e => e.Language == "en") > store.Events.Count(e => e.Language == "sv"), "The language with most articles is used most.");
        Assert.All(store.Events.GroupBy(e => e.SessionId), s => Assert.Equal(HelpEventKind.SessionStarted, s.First().Kind));
    }

    [Fact]
    public async Task TheSameSeed_GivesTheSameEvents_AndAnotherSeedOthers()
    {
        static List<HelpEvent> Run(int seed) =>
            DemoEvents.Generate([.. Articles.Select(a => new DemoArticle(a.Id, a.Language, a.Title, a.Contexts))], s_now, new HelpInsightsDemoDataOptions { Seed = seed, Days = 7 });

        var json = (List<HelpEvent> events) => System.Text.Json.JsonSerializer.Serialize(events);

        Assert.Equal(json(Run(7)), json(Run(7)));
        Assert.NotEqual(json(Run(7)), json(Run(8)));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task ASecondStart_WritesNothingNew_WhileTheStoreHoldsSimulatedEventsOfTheLastDays()
    {
        var store = new MemoryEventStore();
        await using (var first = await DemoHost.StartAsync(store))
        {
            Assert.True(await first.Demo.Completed > 0);
        }

        var written = store.Events.Count;
        await using var second = await DemoHost.StartAsync(store, now: s_now.AddDays(20));

        Assert.Equal(0, await second.Demo.Completed);
        Assert.Equal(written, store.Events.Count);
        Assert.Contains(second.Logs.GetSnapshot(), r => r.Id.Id == 91 && r.Message.Contains(" from the last 30 days", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartUp_DoesNotWaitForTheDemoData()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new MemoryEventStore { BeforeWrite = () => gate.Task };

        await using var host = await DemoHost.StartAsync(store);

        Assert.False(host.Demo.Completed.IsCompleted);
        Assert.Empty(store.Events);
        gate.SetResult();
        Assert.True(await host.Demo.Completed > 0);
    }

    [Fact]
    public async Task AStoreThatFails_IsLogged_AndTheAppRunsOn()
    {
        var store = new MemoryEventStore { BeforeWrite = () => throw new InvalidOperationException("disk full") };

        await using var host = await DemoHost.StartAsync(store);

        Assert.Equal(-1, await host.Demo.Completed);
        var error = Assert.Single(host.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Equal(94, error.Id.Id);
        Assert.Equal("disk full", error.Exception?.Message);
    }

    [Fact]
    public async Task WithoutArticlesOrAStore_NothingIsWritten_AndAWarningSaysWhy()
    {
        var store = new MemoryEventStore();
        await using (var noArticles = await DemoHost.StartAsync(store, articles: []))
        {
            Assert.Equal(0, await noArticles.Demo.Completed);
            Assert.Contains(noArticles.Logs.GetSnapshot(), r => r.Id.Id == 93 && r.Level == LogLevel.Warning);
        }

        await using var noStore = await DemoHost.StartAsync(store: null);
        Assert.Equal(0, await noStore.Demo.Completed);
        Assert.Contains(noStore.Logs.GetSnapshot(), r => r.Id.Id == 92 && r.Message.Contains("AddSqliteStore()", StringComparison.Ordinal));
        Assert.Empty(store.Events);
    }

    [Theory]
    [InlineData(0, 120, "Days (0)")]
    [InlineData(367, 120, "Days (367)")]
    [InlineData(30, 0, "SessionsPerDay (0)")]
    [InlineData(30, 5_001, "SessionsPerDay (5001)")]
    public void InvalidOptions_StopTheApp_WithAMessageNamingTheValue(int days, int sessions, string expected)
    {
        var services = new ServiceCollection();
        services.AddHelpWidget().AddHelpInsightsDemoData(o => (o.Days, o.SessionsPerDay) = (days, sessions));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HelpInsightsDemoDataOptions>>().Value);

        Assert.Contains("HelpInsightsDemoDataOptions." + expected, exception.Message, StringComparison.Ordinal);
    }

    private static HelpArticle Article(string id, string language, string title, params string[] contexts) =>
        new() { Id = id, Language = language, Title = title, Contexts = contexts };

    /// <summary>The engine with the demo data's hosted service started, a fake clock and captured logs.</summary>
    private sealed class DemoHost : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly List<IHostedService> _hosted;

        private DemoHost(ServiceProvider services, FakeLogCollector logs)
        {
            _services = services;
            _hosted = [.. services.GetServices<IHostedService>().OfType<HelpInsightsDemoData>()];
            Demo = services.GetRequiredService<HelpInsightsDemoData>();
            Logs = logs;
        }

        public HelpInsightsDemoData Demo { get; }

        public FakeLogCollector Logs { get; }

        public static async Task<DemoHost> StartAsync(
            IHelpEventStore? store, Action<HelpInsightsDemoDataOptions>? configure = null, DateTimeOffset? now = null, HelpArticle[]? articles = null)
        {
            var logs = new FakeLogCollector();
            var services = new ServiceCollection()
                .AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)))
                .AddSingleton<TimeProvider>(new FakeTimeProvider(now ?? s_now))
                .AddSingleton<IArticleSource>(new FixedArticleSource(articles ?? Articles));
            if (store is not null)
            {
                services.AddSingleton(store);
            }

            services.AddHelpWidget().AddHelpInsightsDemoData(configure);
            var host = new DemoHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), logs);
            foreach (var service in host._hosted)
            {
                await service.StartAsync(Token);
            }

            return host;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var service in _hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }

            await _services.DisposeAsync();
        }
    }

    private sealed class FixedArticleSource(IReadOnlyList<HelpArticle> articles) : IArticleSource
    {
        public event EventHandler? ArticlesChanged
        {
            add { }
            remove { }
        }

        public Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default) => Task.FromResult(articles);
    }
}

/// <summary>An event store in memory whose figures are the reference calculator's; a test can hold or fail its writes.</summary>
internal sealed class MemoryEventStore : IHelpEventStore
{
    private readonly Lock _lock = new();
    private readonly List<HelpEvent> _events = [];

    public string Name => "memory";

    /// <summary>Gets or sets what a write waits for (or throws) before it keeps the batch.</summary>
    public Func<Task>? BeforeWrite { get; set; }

    public IReadOnlyList<HelpEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public async Task WriteAsync(IReadOnlyList<HelpEvent> events, CancellationToken cancellationToken = default)
    {
        if (BeforeWrite is { } before)
        {
            await before();
        }

        foreach (var e in events)
        {
            e.Validate();
        }

        lock (_lock)
        {
            _events.AddRange(events);
        }
    }

    public Task<HelpInsightsReport> GetReportAsync(HelpInsightsQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(HelpInsightsCalculator.Calculate(Events, query));

    public Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task<byte[]> GetOrCreateUserKeySecretAsync(CancellationToken cancellationToken = default) => Task.FromResult(new byte[32]);
}
