using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HelpWidget.Samples.Server;
using HelpWidget.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>
/// The help server sample on real Kestrel at 127.0.0.1, with its own configuration (the intranet sample's articles
/// and announcements, anonymous tickets) and a temporary SQLite file.
/// </summary>
public sealed class ServerSampleFixture : IAsyncLifetime
{
    private readonly SqliteTestFolder _folder = new("hw-server-");
    private WebApplicationFactory<HelpServer>? _factory;

    public HttpClient Client { get; private set; } = default!;

    public string DatabaseConnectionString => _folder.ConnectionString;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<HelpServer>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("HelpWidget:Sqlite:ConnectionString", _folder.ConnectionString);
            builder.UseSetting("HelpWidget:WatchForChanges", "false");
        });
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _folder.Dispose();
    }
}

/// <summary>The help server sample serves the intranet sample's knowledge base over the API and describes the API.</summary>
public sealed class ServerSampleTests(ServerSampleFixture fixture) : IClassFixture<ServerSampleFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task GetOpenApiDocument_ServerSample_ListsEveryEndpointOfTheApi()
    {
        using var response = await Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/helpwidget/api/search", paths);
        Assert.Contains("/helpwidget/api/suggestions", paths);
        Assert.Contains("/helpwidget/api/articles/{id}", paths);
        Assert.Contains("/helpwidget/api/feedback", paths);
        Assert.Contains("/helpwidget/api/announcements", paths);
        Assert.Contains("/helpwidget/api/announcements/{id}/dismissal", paths);
        Assert.Contains("/helpwidget/api/tickets", paths);
        Assert.Contains("/helpwidget/api/tickets/{reference}", paths);
        var search = document.RootElement.GetProperty("paths").GetProperty("/helpwidget/api/search").GetProperty("get");
        Assert.Equal("HelpWidgetSearch", search.GetProperty("operationId").GetString());
        Assert.True(search.GetProperty("responses").TryGetProperty("429", out _), "The search operation does not say it can answer 429.");
    }

    [Theory]
    [InlineData("en", "Connect to the VPN when working remotely")]
    [InlineData("sv", "Anslut till VPN när du jobbar på distans")]
    public async Task Search_Vpn_FindsTheIntranetSamplesVpnArticleInTheRequestedLanguage(string language, string title)
    {
        using var response = await Client.GetAsync(new Uri($"/helpwidget/api/search?q=vpn&lang={language}", UriKind.Relative), Token);

        var results = await Http.ReadAsync<SearchResults>(response);
        var hit = Assert.Single(results.Hits, h => h.Id == "vpn-connect");
        Assert.Equal(language, hit.Language);
        Assert.Equal(title, hit.Title);
    }

    [Fact]
    public async Task GetArticle_ManagerOnlyArticleForAnonymousCaller_AnswersNotFound()
    {
        using var response = await Client.GetAsync(new Uri("/helpwidget/api/articles/expense-approve", UriKind.Relative), Token);

        await Http.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostTicket_Anonymous_IsCreatedAndStoredInSqlite()
    {
        var key = Guid.NewGuid().ToString("N");
        using var content = new MultipartFormDataContent
        {
            { new StringContent($$"""{"idempotencyKey":"{{key}}","subject":"The VPN does not connect","description":"Error 809 since this morning.","name":"Erik","email":"erik@example.com","route":"/remote","language":"en"}""", Encoding.UTF8, "application/json"), "ticket" },
        };
        var log = new ByteArrayContent(Encoding.UTF8.GetBytes("VPN error 809"));
        log.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Add(log, "files", "log.txt");

        using var response = await Client.PostAsync(new Uri("/helpwidget/api/tickets", UriKind.Relative), content, Token);

        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var reference = JsonDocument.Parse(text).RootElement.GetProperty("reference").GetString();
        await using var connection = new SqliteConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT subject FROM tickets WHERE reference = $reference";
        command.Parameters.AddWithValue("$reference", reference);
        Assert.Equal("The VPN does not connect", await command.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task GetRoot_ServerSample_SaysWhatItIsAndLinksTheOpenApiDocument()
    {
        using var response = await Client.GetAsync(new Uri("/", UriKind.Relative), Token);

        var page = await response.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("href=\"/openapi/v1.json\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", page, StringComparison.OrdinalIgnoreCase);
    }
}
