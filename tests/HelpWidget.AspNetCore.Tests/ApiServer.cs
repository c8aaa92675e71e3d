using HelpWidget.Lucene;
using HelpWidget.Markdown;
using HelpWidget.Sqlite;
using HelpWidget.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>
/// An app with the API on real Kestrel at 127.0.0.1: Markdown articles searched by the Lucene provider, a SQLite store
/// in a temporary folder, and the test's header sign-in.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string Prefix = "/helpwidget/api";

    private readonly WebApplication _app;
    private readonly SqliteTestFolder _folder;

    private ApiServer(WebApplication app, SqliteTestFolder folder, Uri address)
    {
        _app = app;
        _folder = folder;
        Client = new HttpClient { BaseAddress = new Uri(address, Prefix + "/") };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    internal string DatabaseConnectionString => _folder.ConnectionString;

    public static async Task<ApiServer> StartAsync(
        string environment = "Development",
        Action<HelpWidgetApiOptions>? api = null,
        Action<IServiceCollection>? services = null,
        CancellationToken cancellationToken = default)
    {
        var folder = new SqliteTestFolder("hw-api-");
        TestKnowledgeBase.WriteTo(folder.Folder.FullName);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ContentRootPath = folder.Folder.FullName,
            ApplicationName = typeof(ApiServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
        builder.Services.AddHelpWidget()
            .AddMarkdownContent(o =>
            {
                o.ArticlesPath = "KnowledgeBase";
                o.AnnouncementsPath = "Announcements";
                o.WatchForChanges = false;
            })
            .AddLuceneSearch()
            .AddSqliteStore(o => o.ConnectionString = folder.ConnectionString)
            .AddHelpWidgetApi(api);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseCors();
        app.UseRateLimiter();
        app.MapHelpWidgetApi();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            folder.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiServer(app, folder, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>One server shared by the tests of a class that do not change its set-up.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private ApiServer? _server;

    public ApiServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    // Limits high enough for every test of a class; the limits themselves are tested on servers of their own.
    public async ValueTask InitializeAsync() => _server = await ApiServer.StartAsync(
        api: o =>
        {
            o.SearchPermitLimit = 10_000;
            o.FeedbackPermitLimit = 10_000;
            o.TicketPermitLimit = 10_000;
        },
        cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
