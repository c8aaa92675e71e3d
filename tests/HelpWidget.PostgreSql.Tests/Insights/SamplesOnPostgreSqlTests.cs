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
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HelpWidget.PostgreSql.Tests.Insights;

/// <summary>
/// The help server sample on real Kestrel at 127.0.0.1 with one setting, <c>ConnectionStrings:HelpWidget</c>, pointing at
/// the test server: what it is sent lands in PostgreSQL.
/// </summary>
public sealed class SamplesOnPostgreSqlTests(PostgreSqlTestServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServerSample_WithTheConnectionString_KeepsTicketsFeedbackAndEventsInPostgreSql_AndSearchesThePublishedArticles()
    {
        var connectionString = await server.CreateDatabaseAsync(Token);
        await using var factory = new WebApplicationFactory<HelpServer>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:HelpWidget", connectionString);
            builder.UseSetting("HelpWidget:WatchForChanges", "false");
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };

        // Search and articles are read from the shared table the instance publishes its Markdown folder to at start.
        await WaitForAsync(async () =>
        {
            using var article = await client.GetAsync(new Uri("/helpwidget/api/articles/account-lockout?lang=en", UriKind.Relative), Token);
            return article.StatusCode == HttpStatusCode.OK;
        });
        using (var search = await client.GetAsync(new Uri("/helpwidget/api/search?q=vpn&lang=en", UriKind.Relative), Token))
        {
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
            Assert.NotEqual(0, JsonDocument.Parse(await search.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("hits").GetArrayLength());
        }

        var key = Guid.NewGuid().ToString("N");
        using var ticket = new MultipartFormDataContent
        {
            { new StringContent($$"""{"idempotencyKey":"{{key}}","subject":"Le VPN ne se connecte pas","description":"Fel 809 sedan i morse.","name":"Erik","email":"erik@example.com","route":"/remote","language":"sv"}""", Encoding.UTF8, "application/json"), "ticket" },
        };
        var log = new ByteArrayContent(Encoding.UTF8.GetBytes("VPN error 809"));
        log.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        ticket.Add(log, "files", "log.txt");
        using var created = await client.PostAsync(new Uri("/helpwidget/api/tickets", UriKind.Relative), ticket, Token);
        var receipt = await created.Content.ReadAsStringAsync(Token);
        Assert.True(created.StatusCode == HttpStatusCode.Created, receipt);

        using var feedback = await client.PostAsync(
            new Uri("/helpwidget/api/feedback", UriKind.Relative),
            new StringContent("""{"articleId":"account-lockout","language":"en","helpful":false,"reason":"unclear","comment":"Which manager approves?"}""", Encoding.UTF8, "application/json"),
            Token);
        Assert.True(feedback.StatusCode == HttpStatusCode.NoContent, await feedback.Content.ReadAsStringAsync(Token));

        var now = DateTimeOffset.UtcNow;
        using var events = await client.PostAsync(
            new Uri("/helpwidget/api/events", UriKind.Relative),
            new StringContent(
                $$"""{"events":[{"kind":"sessionStarted","occurredAt":"{{now.AddSeconds(-2):O}}","sessionId":"sample-session-1"},{"kind":"vote","occurredAt":"{{now.AddSeconds(-1):O}}","sessionId":"sample-session-1","articleId":"account-lockout","helpful":false,"reason":"unclear"}]}""",
                Encoding.UTF8,
                "application/json"),
            Token);
        Assert.True(events.StatusCode == HttpStatusCode.Accepted, await events.Content.ReadAsStringAsync(Token));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        Assert.True((long)(await ScalarAsync(connection, "SELECT count(*) FROM helpwidget.articles;"))! > 10);
        Assert.Equal("Le VPN ne se connecte pas", await ScalarAsync(connection, "SELECT subject FROM helpwidget.tickets WHERE reference = @p;", JsonDocument.Parse(receipt).RootElement.GetProperty("reference").GetString()));
        Assert.Equal("Which manager approves?", await ScalarAsync(connection, "SELECT comment FROM helpwidget.feedback WHERE article_id = @p;", "account-lockout"));

        // The recorder writes in the background: the vote shows in the report once it is written.
        var store = factory.Services.GetRequiredService<IHelpEventStore>();
        var period = new HelpInsightsQuery { From = now.AddHours(-1), To = now.AddHours(1) };
        HelpInsightsReport report = null!;
        await WaitForAsync(async () => (report = await store.GetReportAsync(period, Token)).WorstRatedArticles.Count > 0);

        var rating = Assert.Single(report.WorstRatedArticles);
        Assert.Equal(("account-lockout", 0, 1), (rating.ArticleId, rating.Yes, rating.No));
        Assert.Equal(["Which manager approves?"], rating.Comments);
        Assert.Equal(2L, await ScalarAsync(connection, "SELECT count(*) FROM helpwidget.help_events WHERE kind IN (1, 6);"));

    }

    [Fact]
    public async Task ServerSample_WithoutTheConnectionString_KeepsTheEmbeddedSqliteStore()
    {
        var folder = Directory.CreateTempSubdirectory("hw-sample-");
        try
        {
            await using var factory = new WebApplicationFactory<HelpServer>().WithWebHostBuilder(builder =>
            {
                builder.UseSetting("HelpWidget:Sqlite:ConnectionString", $"Data Source={Path.Combine(folder.FullName, "help.db")}");
                builder.UseSetting("HelpWidget:WatchForChanges", "false");
            });

            Assert.Equal("HelpWidget.Sqlite", factory.Services.GetRequiredService<IHelpStore>().GetType().Namespace);
            Assert.Equal("HelpWidget.Sqlite", factory.Services.GetRequiredService<IHelpEventStore>().GetType().Namespace);
            Assert.Null(factory.Services.GetService<IArticlePublisher>());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Asks again every 50 ms until <paramref name="condition"/> holds, for at most 30 s (a loaded machine).</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The condition did not hold within 30 s.");
            await Task.Delay(50, Token);
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, string? value = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (value is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string>("p", value));
        }

        return await command.ExecuteScalarAsync(Token);
    }
}
