using HelpWidget.Areas;
using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpWidget.Tests.Areas;

public sealed class HelpAreaCatalogTests
{
    private static readonly HelpUser s_manager = new() { Id = "m", Audiences = ["manager"] };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAreasAsync_AreasWithArticles_ListedByOrderThenIdWithCounts()
    {
        using var catalog = Create(new AreaSource(Standard));

        var areas = await catalog.GetAreasAsync(new SearchRequest { User = s_manager }, Token);

        Assert.Equal([("money", 3), ("accounts", 2)], areas.Select(a => (a.Area.Id, a.ArticleCount)));
        Assert.Equal(["Money", "Accounts"], areas.Select(a => a.Area.Title));
    }

    [Fact]
    public async Task GetAreasAsync_AreaWithNothingTheUserMaySee_IsLeftOut()
    {
        using var catalog = Create(new AreaSource([.. Standard, Area("managers", "Managers", order: 0)]), Article("salary", "managers", audiences: ["manager"]));

        var anonymous = await catalog.GetAreasAsync(new SearchRequest(), Token);
        var manager = await catalog.GetAreasAsync(new SearchRequest { User = s_manager }, Token);

        Assert.DoesNotContain(anonymous, a => a.Area.Id == "managers");
        Assert.Contains(manager, a => a.Area.Id == "managers");
    }

    [Fact]
    public async Task GetAreasAsync_UserLanguage_TitlesInItElseTheDefaultLanguage()
    {
        using var catalog = Create(new AreaSource([.. Standard, Area("accounts", "Konton", language: "sv", order: 2)]));

        var areas = await catalog.GetAreasAsync(new SearchRequest { Language = "sv-SE" }, Token);

        Assert.Equal([("money", "Money", "en"), ("accounts", "Konton", "sv")], areas.Select(a => (a.Area.Id, a.Area.Title, a.Area.Language)));
    }

    [Fact]
    public async Task GetAreasAsync_DecoratorRemovesAnArea_TheAreaIsNotListed()
    {
        var provider = new DroppingProvider(new BrowseProvider(Articles), "money");
        using var catalog = new HelpAreaCatalog(provider, Options.Create(new HelpWidgetOptions()), NullLogger<HelpAreaCatalog>.Instance, new AreaSource(Standard));

        var areas = await catalog.GetAreasAsync(new SearchRequest { User = s_manager }, Token);

        Assert.Equal(["accounts"], areas.Select(a => a.Area.Id));
    }

    [Fact]
    public async Task GetAreasAsync_NoAreaSource_ListsNothing()
    {
        using var catalog = new HelpAreaCatalog(new BrowseProvider(Articles), Options.Create(new HelpWidgetOptions()), NullLogger<HelpAreaCatalog>.Instance);

        Assert.Empty(await catalog.GetAreasAsync(new SearchRequest(), Token));
    }

    [Fact]
    public async Task GetAreasAsync_SourceChanges_ReadsTheAreasAgain()
    {
        var source = new AreaSource(Standard);
        using var catalog = Create(source);
        Assert.Equal(2, (await catalog.GetAreasAsync(new SearchRequest(), Token)).Count);
        await catalog.GetAreasAsync(new SearchRequest(), Token);
        Assert.Equal(1, source.Loads);

        source.Change([Area("accounts", "Sign-in and accounts", order: 1)]);

        var areas = await catalog.GetAreasAsync(new SearchRequest(), Token);
        Assert.Equal(["Sign-in and accounts"], areas.Select(a => a.Area.Title));
        Assert.Equal(2, source.Loads);
    }

    [Fact]
    public async Task GetAreasAsync_SourceFails_ListsNothingAndTriesAgainNextTime()
    {
        var source = new AreaSource(Standard) { Fail = true };
        using var catalog = Create(source);

        Assert.Empty(await catalog.GetAreasAsync(new SearchRequest(), Token));
        source.Fail = false;
        Assert.Equal(2, (await catalog.GetAreasAsync(new SearchRequest(), Token)).Count);
    }

    [Fact]
    public async Task GetAreasAsync_NullRequest_Throws()
    {
        using var catalog = Create(new AreaSource(Standard));

        await Assert.ThrowsAsync<ArgumentNullException>(() => catalog.GetAreasAsync(null!, Token));
    }

    [Fact]
    public async Task AddHelpWidget_RegistersTheCatalogOverTheProviderAndTheAreaSource()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget().AddKnowledgeProvider(_ => new BrowseProvider(Articles));
        services.AddSingleton<IHelpAreaSource>(new AreaSource(Standard));
        await using var provider = services.BuildServiceProvider();

        var areas = await provider.GetRequiredService<IHelpAreaCatalog>().GetAreasAsync(new SearchRequest(), Token);

        Assert.Equal(["money", "accounts"], areas.Select(a => a.Area.Id));
    }

    private static readonly HelpArea[] Standard = [Area("money", "Money", order: 1), Area("accounts", "Accounts", order: 2)];

    private static readonly HelpArticle[] Articles =
    [
        Article("password", "accounts"),
        Article("vpn", "accounts"),
        Article("claim", "money"),
        Article("approve", "money", audiences: ["manager"]),
        Article("salary", "money", audiences: ["manager"]),
        Article("loose", null),
    ];

    private static HelpAreaCatalog Create(AreaSource source, params HelpArticle[] extra) =>
        new(new BrowseProvider([.. Articles, .. extra]), Options.Create(new HelpWidgetOptions()), NullLogger<HelpAreaCatalog>.Instance, source);

    private static HelpArea Area(string id, string title, string language = "en", int order = 0) =>
        new() { Id = id, Title = title, Language = language, Order = order };

    private static HelpArticle Article(string id, string? area, string[]? audiences = null) =>
        TestArticles.Article(id, id, id, audiences: audiences, area: area);

    /// <summary>Answers a browse search (an area, no query) with the area's articles the user may see.</summary>
    private sealed class BrowseProvider(HelpArticle[] articles) : IKnowledgeProvider
    {
        public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new SearchResults
            {
                Hits = [.. articles
                    .Where(a => request.Area is not null && string.Equals(a.Area, request.Area, StringComparison.OrdinalIgnoreCase) && a.IsVisibleTo(request.User))
                    .Take(request.MaxResults)
                    .Select(a => new ArticleHit { Id = a.Id, Language = a.Language, Title = a.Title, Area = a.Area })],
            });

        public Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default) => Task.FromResult(SearchResults.Empty);

        public Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default) => Task.FromResult<HelpArticle?>(null);

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }

    /// <summary>Drops the hits of one area, as a roll-out that has not made it live does.</summary>
    private sealed class DroppingProvider(IKnowledgeProvider inner, string area) : DelegatingKnowledgeProvider(inner)
    {
        public override async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
        {
            var results = await base.SearchAsync(request, cancellationToken);
            return new SearchResults { Hits = [.. results.Hits.Where(h => h.Area != area)] };
        }
    }

    private sealed class AreaSource(IReadOnlyList<HelpArea> areas) : IHelpAreaSource
    {
        private IReadOnlyList<HelpArea> _areas = areas;

        public event EventHandler? AreasChanged;

        public bool Fail { get; set; }

        public int Loads { get; private set; }

        public Task<IReadOnlyList<HelpArea>> LoadAreasAsync(CancellationToken cancellationToken = default)
        {
            Loads++;
            return Fail ? throw new IOException("The areas file is locked.") : Task.FromResult(_areas);
        }

        public void Change(IReadOnlyList<HelpArea> areas)
        {
            _areas = areas;
            AreasChanged?.Invoke(this, EventArgs.Empty);
        }
    }
}
