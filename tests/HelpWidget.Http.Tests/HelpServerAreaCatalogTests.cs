using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Http.Tests;

/// <summary>The client's area catalog asks the help server (<c>GET areas</c>), as a WebAssembly app does.</summary>
public sealed class HelpServerAreaCatalogTests
{
    private static readonly HelpUser s_manager = new() { Id = "m", Audiences = ["manager"] };

    private static readonly HelpArea[] s_areas =
    [
        new() { Id = "accounts", Language = "en", Title = "Accounts", Order = 2 },
        new() { Id = "accounts", Language = "sv", Title = "Konton", Order = 2 },
        new() { Id = "money", Language = "en", Title = "Money", Description = "Claims and pay.", Order = 1 },
        new() { Id = "unused", Language = "en", Title = "Nothing yet", Order = 3 },
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAreasAsync_ServerWithAreas_ListsTheCallersAreasWithCounts()
    {
        await using var server = await StartAsync();
        await using var client = new TestClient(server.Address);
        var catalog = client.Services.GetRequiredService<IHelpAreaCatalog>();

        var anonymous = await catalog.GetAreasAsync(new SearchRequest(), Token);
        var manager = await catalog.GetAreasAsync(new SearchRequest { User = s_manager, Language = "sv" }, Token);

        Assert.Equal([("money", "Money", 1), ("accounts", "Accounts", 2)], anonymous.Select(a => (a.Area.Id, a.Area.Title, a.ArticleCount)));
        Assert.Equal("Claims and pay.", anonymous[0].Area.Description);
        Assert.Equal([("money", 3), ("accounts", 2)], manager.Select(a => (a.Area.Id, a.ArticleCount)));
        Assert.Equal(("Konton", "sv"), (manager[1].Area.Title, manager[1].Area.Language));
    }

    [Fact]
    public async Task SearchAsync_BrowseThroughTheServer_ListsTheAreasArticles()
    {
        await using var server = await StartAsync();
        await using var client = new TestClient(server.Address);

        var results = await client.Provider.SearchAsync(new SearchRequest { Area = "money", User = s_manager, MaxResults = 50 }, Token);

        Assert.Equal(["expense-approve", "salary-review", "expense-claim"], results.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task SearchAsync_AreaThatIsNoId_FindsNothingWithoutAskingTheServer()
    {
        await using var server = await StartAsync();
        await using var client = new TestClient(server.Address);
        await client.Provider.SearchAsync(new SearchRequest { Query = "password" }, Token);
        var before = server.Requests;

        var results = await client.Provider.SearchAsync(new SearchRequest { Area = "../money", Query = "expense" }, Token);

        Assert.Empty(results.Hits);
        Assert.Equal(before, server.Requests);
    }

    [Fact]
    public async Task GetAreasAsync_ServerStopped_AnswersWhatItHadForThatUser()
    {
        var server = await StartAsync();
        await using var stopped = server;
        await using var client = new TestClient(server.Address, o => o.MaxRetryAttempts = 0);
        var catalog = client.Services.GetRequiredService<IHelpAreaCatalog>();
        var before = await catalog.GetAreasAsync(new SearchRequest(), Token);

        await server.StopAsync();

        Assert.Equal(before.Select(a => a.Area.Id), (await catalog.GetAreasAsync(new SearchRequest(), Token)).Select(a => a.Area.Id));
        await Assert.ThrowsAsync<HelpServerException>(() => catalog.GetAreasAsync(new SearchRequest { User = s_manager }, Token));
    }

    private static Task<TestHelpServer> StartAsync() =>
        TestHelpServer.StartAsync(TestData.Articles, services: s => s.AddSingleton<IHelpAreaSource>(new FixedAreas(s_areas)), cancellationToken: Token);

    private sealed class FixedAreas(IReadOnlyList<HelpArea> areas) : IHelpAreaSource
    {
        public event EventHandler? AreasChanged
        {
            add { }
            remove { }
        }

        public Task<IReadOnlyList<HelpArea>> LoadAreasAsync(CancellationToken cancellationToken = default) => Task.FromResult(areas);
    }
}
