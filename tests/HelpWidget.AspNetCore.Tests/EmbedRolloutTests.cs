using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>
/// <c>GET /helpwidget/embed/launcher</c>: whether the one tag places its Help button, for the page's token user and route,
/// on a help server (real Kestrel at 127.0.0.1) whose roll-out shows the button to the role <c>pilot</c> on <c>/expenses</c>.
/// </summary>
public sealed class EmbedRolloutTests : IAsyncLifetime
{
    private const string Issuer = "https://intranet.test.example";
    private const string AllowedOrigin = "http://pages.test.example:8080";
    private static readonly string SigningKey = Convert.ToBase64String("an HMAC key for the roll-out's tests!!!"u8);

    private WebApplication _app = default!;
    private HttpClient _client = default!;
    private string _origin = default!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        (_app, _client, _origin) = await StartAsync(new Dictionary<string, string?>
        {
            ["HelpWidget:Rollout:Launcher:Audience"] = "Roles",
            ["HelpWidget:Rollout:Launcher:Roles:0"] = "pilot",
            ["HelpWidget:Rollout:Launcher:Routes:0"] = "/expenses",
            ["HelpWidget:Rollout:Launcher:Routes:1"] = "/orders/*/lines",
        });
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("/expenses", true)]
    [InlineData("/expenses/new", true)]
    [InlineData("/EXPENSES/new?draft=1", true)]
    [InlineData("/orders/42/lines", true)]
    [InlineData("/", false)]
    [InlineData("/expenses-archive", false)]
    [InlineData("/leave", false)]
    [InlineData("/orders/42", false)]
    public async Task PilotUser_SeesTheButtonOnThePilotRoutesOnly(string route, bool expected)
    {
        Assert.Equal(expected, await LauncherAsync(route, Mint("u-aino", "pilot")));
    }

    [Theory]
    [InlineData("u-magnus", "finance")]
    [InlineData("u-erik", null)]
    public async Task UserOutsideThePilot_DoesNotSeeTheButton_EvenOnAPilotRoute(string user, string? role)
    {
        Assert.False(await LauncherAsync("/expenses", Mint(user, role)));
    }

    [Fact]
    public async Task Anonymous_AndARefusedToken_AreGuests_OutsideARolesAudience()
    {
        Assert.False(await LauncherAsync("/expenses", token: null));
        Assert.False(await LauncherAsync("/expenses", Mint("u-aino", "pilot") + "x"));
        Assert.False(await LauncherAsync("/expenses", "not-a-token"));
    }

    [Fact]
    public async Task WithoutARollout_EveryoneSeesTheButtonEverywhere()
    {
        var (app, client, origin) = await StartAsync([]);
        await using (app)
        {
            using (client)
            {
                Assert.True(await LauncherAsync("/leave", token: null, client));
                Assert.True(await LauncherAsync("/", Mint("u-magnus", null, origin), client));
            }
        }
    }

    [Fact]
    public async Task Answer_IsJsonThatIsNeverStored_AndCorsForAnAllowedOriginOnly()
    {
        using var allowed = await GetAsync("/expenses", Mint("u-aino", "pilot"), origin: AllowedOrigin);
        using var hostile = await GetAsync("/expenses", token: null, origin: "http://evil.test.example");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("application/json", allowed.Content.Headers.ContentType?.MediaType);
        Assert.True(allowed.Headers.CacheControl?.NoStore);
        Assert.Equal("{\"launcher\":true}", await allowed.Content.ReadAsStringAsync(Token));
        Assert.Equal([AllowedOrigin], allowed.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.False(hostile.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_AllowsTheTokenHeaderFromAnAllowedOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "helpwidget/embed/launcher?route=%2Fexpenses");
        request.Headers.Add("Origin", AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var response = await _client.SendAsync(request, Token);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal([AllowedOrigin], response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Contains("authorization", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string, string> HostileRoutes() => new()
    {
        { string.Empty, "required" },
        { "route=", "required" },
        { "route=%2F" + new string('a', 2048), "too_long" },
        { "route=%2Fexpenses%00", "control_character" },
        { "route=%2Fexpenses%0A", "control_character" },
        { "route=%2Fexpenses%2F..%2F..%2Fadmin", "invalid_route" },
        { "route=%2Fexpenses%2F%252e%252e%2Fadmin", "invalid_route" },
        { "route=%2Fexpenses%2F%2500", "invalid_route" },
        { "route=%2Fexpenses%5C..%5Cadmin", "invalid_route" },
        { "route=..%2Fexpenses", "invalid_route" },
        { "route=%2F%2Fevil.example%2Fexpenses", "invalid_route" },
        { "route=https%3A%2F%2Fevil.example%2F", "invalid_route" },
        { "route=%2F%3Cscript%3Ealert(1)%3C%2Fscript%3E", "invalid_route" },
    };

    [Theory]
    [MemberData(nameof(HostileRoutes))]
    public async Task HostileRoute_AnswersBadRequestProblemDetails(string query, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "helpwidget/embed/launcher?" + query);
        request.Headers.Authorization = new("Bearer", Mint("u-aino", "pilot"));
        using var response = await _client.SendAsync(request, Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task HostileRoute_IsExplainedInTheCallersLanguage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "helpwidget/embed/launcher?route=..%2Fadmin");
        request.Headers.AcceptLanguage.ParseAdd("sv-SE,sv;q=0.9,en;q=0.5");
        using var response = await _client.SendAsync(request, Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("route måste vara en sökväg som börjar med /.", problem.GetProperty("detail").GetString());
    }

    private static async Task<(WebApplication App, HttpClient Client, string Origin)> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = typeof(EmbedRolloutTests).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddHelpWidget()
            .AddHelpWidgetApi(o => o.AllowedOrigins.Add(AllowedOrigin))
            .AddHelpWidgetEmbed(o => o.Issuers.Add(new HelpWidgetEmbedIssuer { Issuer = Issuer, SigningKey = SigningKey }));
        var app = builder.Build();
        app.UseCors();
        app.UseRateLimiter();
        app.MapHelpWidgetEmbed();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address + "/") }, address);
    }

    private string Mint(string userId, string? role, string? audience = null) => HelpWidgetEmbedTokens.Create(
        new HelpWidgetEmbedTokenOptions { Issuer = Issuer, Audience = audience ?? _origin, SigningKey = SigningKey },
        new HelpUser { Id = userId, Audiences = role is null ? [] : [role] });

    private async Task<HttpResponseMessage> GetAsync(string route, string? token, string? origin = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "helpwidget/embed/launcher?route=" + Uri.EscapeDataString(route));
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await (client ?? _client).SendAsync(request, Token);
    }

    private async Task<bool> LauncherAsync(string route, string? token, HttpClient? client = null)
    {
        using var response = await GetAsync(route, token, client: client);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        using var answer = JsonDocument.Parse(text);
        return answer.RootElement.GetProperty("launcher").GetBoolean();
    }
}
