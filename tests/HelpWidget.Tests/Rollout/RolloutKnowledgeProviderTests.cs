using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Tests.Rollout;

public sealed class RolloutKnowledgeProviderTests
{
    private const string Pilot = """{ "LiveAreas": [ "accounts", "Meetings" ] }""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SearchAsync_LiveAreas_OnlyHitsOfLiveAreasInTheirOrder()
    {
        var inner = new AreaProvider();
        using var app = new RolloutServices(Pilot, builder => builder.AddKnowledgeProvider(_ => inner));
        var knowledge = app.Provider.GetRequiredService<IKnowledgeProvider>();

        var results = await knowledge.SearchAsync(new SearchRequest { Query = "password" }, Token);

        Assert.Equal(["reset-password", "teams-call"], results.Hits.Select(h => h.Id));
        Assert.Equal("passwords", results.DidYouMean);
    }

    [Fact]
    public async Task SuggestAsync_LiveAreas_LeavesOutOtherAreasAndArticlesWithoutArea()
    {
        var inner = new AreaProvider();
        using var app = new RolloutServices(Pilot, builder => builder.AddKnowledgeProvider(_ => inner));
        var knowledge = app.Provider.GetRequiredService<IKnowledgeProvider>();

        var results = await knowledge.SuggestAsync(new SearchRequest { Context = new HelpContext { Route = "/expenses" } }, Token);

        Assert.Equal(["reset-password", "teams-call"], results.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task SearchAsync_BrowseOfAnAreaThatIsNotLive_NothingAndTheEngineIsNotAsked()
    {
        var inner = new AreaProvider();
        using var app = new RolloutServices(Pilot, builder => builder.AddKnowledgeProvider(_ => inner));
        var knowledge = app.Provider.GetRequiredService<IKnowledgeProvider>();

        var browse = await knowledge.SearchAsync(new SearchRequest { Area = "expenses" }, Token);
        var narrowed = await knowledge.SearchAsync(new SearchRequest { Area = "EXPENSES", Query = "receipt" }, Token);
        var live = await knowledge.SearchAsync(new SearchRequest { Area = "accounts" }, Token);

        Assert.Empty(browse.Hits);
        Assert.Empty(narrowed.Hits);
        Assert.NotEmpty(live.Hits);
        Assert.Equal(["accounts"], inner.Searched.Select(r => r.Area));
    }

    [Fact]
    public async Task GetArticleAsync_ArticleOfAnAreaThatIsNotLive_StillServedForLinksAndFieldHelp()
    {
        using var app = new RolloutServices(Pilot, builder => builder.AddKnowledgeProvider(_ => new AreaProvider()));
        var knowledge = app.Provider.GetRequiredService<IKnowledgeProvider>();

        var article = await knowledge.GetArticleAsync(new ArticleRequest("expense-receipt"), Token);

        Assert.Equal("expense-receipt", article?.Id);
    }

    [Fact]
    public async Task SearchAsync_LiveAreasChanged_AppliesToTheNextSearchWithoutARestart()
    {
        using var app = new RolloutServices(Pilot, builder => builder.AddKnowledgeProvider(_ => new AreaProvider()));
        var knowledge = app.Provider.GetRequiredService<IKnowledgeProvider>();
        Assert.Equal(2, (await knowledge.SearchAsync(new SearchRequest { Query = "x" }, Token)).Hits.Count);

        Assert.Null(app.Change("""{ "LiveAreas": [ "accounts", "meetings", "expenses" ] }"""));
        Assert.Equal(3, (await knowledge.SearchAsync(new SearchRequest { Query = "x" }, Token)).Hits.Count);

        Assert.Null(app.Change("""{ "Launcher": { "Audience": "Everyone" } }"""));
        Assert.Equal(4, (await knowledge.SearchAsync(new SearchRequest { Query = "x" }, Token)).Hits.Count);
        Assert.NotEmpty((await knowledge.SearchAsync(new SearchRequest { Area = "expenses" }, Token)).Hits);
    }

    [Fact]
    public async Task Registration_ProviderTypeAddedBeforeAddHelpWidget_IsWrappedToo()
    {
        using var app = new RolloutServices(Pilot, builder => builder.Services.AddSingleton<IKnowledgeProvider, AreaProvider>());

        var knowledge = app.Provider.GetRequiredService<IKnowledgeProvider>();

        Assert.Equal(2, (await knowledge.SuggestAsync(new SearchRequest(), Token)).Hits.Count);
        Assert.IsType<AreaProvider>(knowledge.GetService(typeof(AreaProvider)));
        Assert.Same(knowledge, app.Provider.GetRequiredService<IKnowledgeProvider>());
    }

    [Fact]
    public void Registration_NoRolloutConfigured_TheAppsProviderIsUsedAsItIs()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget().AddKnowledgeProvider<AreaProvider>();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<AreaProvider>(provider.GetRequiredService<IKnowledgeProvider>());
    }

    [Fact]
    public async Task Registration_RolloutConfiguredInCode_Filters()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget().AddKnowledgeProvider<AreaProvider>();
        services.Configure<HelpRolloutOptions>(o => o.LiveAreas = ["meetings"]);
        using var provider = services.BuildServiceProvider();

        var hits = (await provider.GetRequiredService<IKnowledgeProvider>().SearchAsync(new SearchRequest { Query = "x" }, Token)).Hits;

        Assert.Equal(["teams-call"], hits.Select(h => h.Id));
    }

    [Fact]
    public async Task AreaCatalog_AreasThatAreNotLive_AreNotOfferedForBrowsing()
    {
        using var app = new RolloutServices(Pilot, builder =>
        {
            builder.AddKnowledgeProvider(_ => new AreaProvider());
            builder.Services.AddSingleton<IHelpAreaSource>(new Areas("accounts", "expenses", "meetings"));
        });
        var catalog = app.Provider.GetRequiredService<IHelpAreaCatalog>();

        var pilot = await catalog.GetAreasAsync(new SearchRequest { Language = "en" }, Token);
        Assert.Null(app.Change("""{ "LiveAreas": [ ] }"""));
        var everything = await catalog.GetAreasAsync(new SearchRequest { Language = "en" }, Token);

        Assert.Equal(["accounts", "meetings"], pilot.Select(a => a.Area.Id));
        Assert.Equal(["accounts", "expenses", "meetings"], everything.Select(a => a.Area.Id));
    }

    private sealed class Areas(params string[] ids) : IHelpAreaSource
    {
        public event EventHandler? AreasChanged
        {
            add { }
            remove { }
        }

        public Task<IReadOnlyList<HelpArea>> LoadAreasAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<HelpArea>>([.. ids.Select((id, i) => new HelpArea { Id = id, Language = "en", Title = id, Order = i })]);
    }

    /// <summary>A provider with one article in each of three areas and one without an area, returned for every query.</summary>
    private sealed class AreaProvider : IKnowledgeProvider
    {
        private static readonly ArticleHit[] s_hits =
        [
            new() { Id = "reset-password", Language = "en", Title = "Reset your password", Area = "accounts" },
            new() { Id = "expense-receipt", Language = "en", Title = "Add a receipt", Area = "expenses" },
            new() { Id = "teams-call", Language = "en", Title = "Start a call", Area = "meetings" },
            new() { Id = "about", Language = "en", Title = "About this help" },
        ];

        public List<SearchRequest> Searched { get; } = [];

        public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
        {
            Searched.Add(request);
            return Task.FromResult(new SearchResults
            {
                Hits = [.. s_hits.Where(h => request.Area is null || string.Equals(h.Area, request.Area, StringComparison.OrdinalIgnoreCase))],
                DidYouMean = "passwords",
            });
        }

        public Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new SearchResults { Hits = s_hits });

        public Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(s_hits.FirstOrDefault(h => h.Id == request.ArticleId) is { } hit
                ? new HelpArticle { Id = hit.Id, Language = hit.Language, Title = hit.Title, Area = hit.Area }
                : null);

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }
}
