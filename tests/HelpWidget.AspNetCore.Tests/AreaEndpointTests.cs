using System.Net;
using HelpWidget.Markdown;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.AspNetCore.Tests;

/// <summary><c>GET areas</c> and <c>GET search?area=</c> over a knowledge folder with areas, on real Kestrel.</summary>
public sealed class AreaEndpointTests(AreaServerFixture fixture) : IClassFixture<AreaServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task Areas_Anonymous_ListsAreasWithArticlesTheCallerMaySeeInOrder()
    {
        using var response = await Client.SendAsync(Http.Get("areas"), Token);

        var areas = await Http.ReadAsync<List<HelpAreaSummary>>(response);
        Assert.Equal([("network", "Network and VPN", 2)], areas.Select(a => (a.Area.Id, a.Area.Title, a.ArticleCount)));
    }

    [Fact]
    public async Task Areas_Manager_AlsoSeesTheAreaOfRestrictedArticles()
    {
        using var response = await Client.SendAsync(Http.Get("areas?lang=sv-SE", user: "mia", roles: "manager"), Token);

        var areas = await Http.ReadAsync<List<HelpAreaSummary>>(response);
        Assert.Equal([("managers", "För chefer", 1), ("network", "Nätverk och VPN", 2)], areas.Select(a => (a.Area.Id, a.Area.Title, a.ArticleCount)));
        Assert.Equal("Lön och team.", areas[0].Area.Description);
    }

    [Fact]
    public async Task Search_AreaWithoutQuery_BrowsesTheArea()
    {
        using var response = await Client.SendAsync(Http.Get("search?area=network&max=50"), Token);

        var results = await Http.ReadAsync<SearchResults>(response);
        Assert.Equal(["vpn", "wifi"], results.Hits.Select(h => h.Id));
        Assert.All(results.Hits, h => Assert.Equal("network", h.Area));
    }

    [Fact]
    public async Task Search_QueryInArea_FindsOnlyThatAreasArticles()
    {
        using var everywhere = await Client.SendAsync(Http.Get("search?q=connect&max=50", user: "mia", roles: "manager"), Token);
        using var managers = await Client.SendAsync(Http.Get("search?q=connect&area=managers", user: "mia", roles: "manager"), Token);

        Assert.Contains((await Http.ReadAsync<SearchResults>(everywhere)).Hits, h => h.Id == "vpn");
        Assert.Equal(["salary-review"], (await Http.ReadAsync<SearchResults>(managers)).Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Search_AreaOfRestrictedArticles_IsEmptyForOthers()
    {
        using var response = await Client.SendAsync(Http.Get("search?area=managers"), Token);

        Assert.Empty((await Http.ReadAsync<SearchResults>(response)).Hits);
    }

    public static TheoryData<string, string> RefusedAreaRequests() => new()
    {
        { "areas?lang=..%2F..%2Fetc", "invalid_language" },
        { "areas?lang=%3Cscript%3E", "invalid_language" },
        { "areas?lang=en%00", "invalid_language" },
        { "areas?lang=" + new string('e', 36), "invalid_language" },
        { "search?area=..%2Fnetwork", "invalid_id" },
        { "search?area=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "invalid_id" },
        { "search?area=network%0A", "invalid_id" },
        { "search?area=network%00", "invalid_id" },
        { "search?area=" + new string('a', 129), "invalid_id" },
        { "search?area=network%20OR%20managers", "invalid_id" },
    };

    [Theory]
    [MemberData(nameof(RefusedAreaRequests))]
    public async Task Get_HostileAreaOrLanguage_AnswersBadRequestProblemDetails(string path, string code)
    {
        using var response = await Client.SendAsync(Http.Get(path), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Search_HostileArea_IsExplainedInTheCallersLanguage()
    {
        var request = Http.Get("search?area=..%2Fnetwork");
        request.Headers.AcceptLanguage.ParseAdd("sv-SE");
        using var response = await Client.SendAsync(request, Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("area måste vara ett id: bokstäver, siffror, '.', '-' och '_', högst 128.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Areas_WellFormedLanguageWithoutTitles_FallsBackToTheDefaultLanguage()
    {
        using var response = await Client.SendAsync(Http.Get("areas?lang=fi"), Token);

        var areas = await Http.ReadAsync<List<HelpAreaSummary>>(response);
        Assert.Equal(["Network and VPN"], areas.Select(a => a.Area.Title));
    }
}

/// <summary>The API server with its knowledge folder replaced by one organised in areas, in English and Swedish.</summary>
public sealed class AreaServerFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("hw-areas-");
    private ApiServer? _server;

    public ApiServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async ValueTask InitializeAsync()
    {
        Write("areas.yml", """
            areas:
              - id: managers
                order: 1
                title: { en: For managers, sv: För chefer }
                description: { en: Pay and your team., sv: Lön och team. }
              - id: network
                order: 2
                title: { en: Network and VPN, sv: Nätverk och VPN }
              - id: empty
                order: 3
                title: { en: Nothing here yet }
            """);
        Write("en/vpn.md", Article("vpn", "Connect to the VPN", "network", "Start the VPN client to connect from home."));
        Write("en/wifi.md", Article("wifi", "Use the office Wi-Fi", "network", "Choose the office network and sign in."));
        Write("en/salary-review.md", Article("salary-review", "Salary review", "managers", "Connect with each person before the salary review.", "audience: [manager]\n"));
        Write("en/loose.md", Article("loose", "An article in no area", null, "Connect nothing."));
        _server = await ApiServer.StartAsync(
            api: o => o.SearchPermitLimit = 10_000,
            services: s => s.PostConfigure<MarkdownContentOptions>(o => o.ArticlesPath = _folder.FullName),
            cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _folder.Delete(recursive: true);
    }

    private static string Article(string id, string title, string? area, string text, string extra = "") =>
        $"---\nid: {id}\ntitle: {title}\nsummary: {title}.\n{(area is null ? string.Empty : $"area: {area}\n")}{extra}---\n{text}\n";

    private void Write(string path, string text)
    {
        var file = Path.Combine(_folder.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }
}
