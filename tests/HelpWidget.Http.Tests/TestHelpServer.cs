using System.Security.Claims;
using System.Text.Encodings.Web;
using HelpWidget.AspNetCore;
using HelpWidget.Lucene;
using HelpWidget.Sqlite;
using HelpWidget.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Http.Tests;

/// <summary>
/// A real help server on Kestrel at 127.0.0.1: <c>MapHelpWidgetApi()</c> over the Lucene provider with the given
/// articles and announcements, a SQLite store in a temporary folder, and a header sign-in. It can be told to answer
/// 500, and restarted on the same port.
/// </summary>
public sealed class TestHelpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqliteTestFolder _folder;
    private readonly bool _ownsFolder;
    private int _requests;

    private TestHelpServer(WebApplication app, SqliteTestFolder folder, bool ownsFolder, Uri address, RecordingHelpStore store)
    {
        _app = app;
        _folder = folder;
        _ownsFolder = ownsFolder;
        Address = address;
        Store = store;
    }

    /// <summary>Gets the server's address, such as <c>http://127.0.0.1:5123</c>.</summary>
    public Uri Address { get; }

    /// <summary>Gets the server's store, which records every ticket it saves.</summary>
    public RecordingHelpStore Store { get; }

    /// <summary>Gets or sets a value indicating whether every request answers 500, as a failing server does.</summary>
    public bool Failing { get; set; }

    /// <summary>Gets how many requests reached the server.</summary>
    public int Requests => _requests;

    public IServiceProvider Services => _app.Services;

    public static Task<TestHelpServer> StartAsync(
        IReadOnlyList<HelpArticle> articles,
        IReadOnlyList<HelpAnnouncement>? announcements = null,
        int port = 0,
        Action<IServiceCollection>? services = null,
        string prefix = "/helpwidget/api",
        CancellationToken cancellationToken = default) =>
        StartAsync(articles, announcements ?? [], port, services, prefix, new SqliteTestFolder("hw-http-"), ownsFolder: true, cancellationToken);

    /// <summary>Starts a new server on this server's port and store, after this one was stopped: the server "comes back".</summary>
    public Task<TestHelpServer> RestartAsync(IReadOnlyList<HelpArticle> articles, CancellationToken cancellationToken) =>
        StartAsync(articles, [], Address.Port, null, "/helpwidget/api", _folder, ownsFolder: false, cancellationToken);

    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        if (_ownsFolder)
        {
            _folder.Dispose();
        }
    }

    private static async Task<TestHelpServer> StartAsync(
        IReadOnlyList<HelpArticle> articles,
        IReadOnlyList<HelpAnnouncement> announcements,
        int port,
        Action<IServiceCollection>? services,
        string prefix,
        SqliteTestFolder folder,
        bool ownsFolder,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = folder.Folder.FullName,
            ApplicationName = typeof(TestHelpServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("HW_TEST_SERVER_LOG") is { Length: > 0 } logFile)
        {
            // Set to a file path to see the server's warnings and errors when a test fails.
            builder.Logging.AddProvider(new FileLog(logFile));
        }
        builder.Services.AddAuthentication(HeaderSignIn.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HeaderSignIn>(HeaderSignIn.SchemeName, null);

        // The test's own article and announcement sources: no Markdown folders.
        builder.Services.AddSingleton<IArticleSource>(new ListArticleSource(articles));
        builder.Services.AddSingleton<IAnnouncementSource>(new ListAnnouncementSource(announcements));
        builder.Services.AddHelpWidget()
            .AddLuceneSearch()
            .AddSqliteStore(o => o.ConnectionString = folder.ConnectionString)
            .AddHelpWidgetApi(o =>
            {
                o.SearchPermitLimit = 100_000;
                o.FeedbackPermitLimit = 100_000;
                o.TicketPermitLimit = 100_000;
            });
        var sqlite = builder.Services.Last(d => d.ServiceType == typeof(IHelpStore));
        builder.Services.Remove(sqlite);
        builder.Services.AddSingleton(sp => new RecordingHelpStore((IHelpStore)sqlite.ImplementationFactory!(sp)));
        builder.Services.AddSingleton<IHelpStore>(sp => sp.GetRequiredService<RecordingHelpStore>());
        services?.Invoke(builder.Services);

        var app = builder.Build();
        TestHelpServer? server = null;
        app.Use(next => context =>
        {
            if (server is not null)
            {
                Interlocked.Increment(ref server._requests);
            }

            if (server?.Failing == true)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.MapHelpWidgetApi(prefix);
        try
        {
            await app.StartAsync(cancellationToken);
            
            // The index is built in the background; the first suggestion waits for it, and one call over HTTP compiles the
            // server's pipeline, so a test's first call is answered as fast as any other.
            await app.Services.GetRequiredService<IKnowledgeProvider>().SuggestAsync(new SearchRequest(), cancellationToken);
            var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var warmUp = new HttpClient();
            using var answer = await warmUp.GetAsync(new Uri(new Uri(listening), prefix.TrimEnd('/') + "/suggestions?max=1"), cancellationToken);
            answer.EnsureSuccessStatusCode();
        }
        catch
        {
            await app.DisposeAsync();
            if (ownsFolder)
            {
                folder.Dispose();
            }

            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TestHelpServer(app, folder, ownsFolder, new Uri(address), app.Services.GetRequiredService<RecordingHelpStore>());
        return server;
    }

    private sealed class ListArticleSource(IReadOnlyList<HelpArticle> articles) : IArticleSource
    {
        public event EventHandler? ArticlesChanged
        {
            add { }
            remove { }
        }

        public Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default) => Task.FromResult(articles);
    }

    private sealed class ListAnnouncementSource(IReadOnlyList<HelpAnnouncement> announcements) : IAnnouncementSource
    {
        public Task<IReadOnlyList<HelpAnnouncement>> LoadAnnouncementsAsync(CancellationToken cancellationToken = default) => Task.FromResult(announcements);
    }
}

/// <summary>The server's store, recording each ticket saved and whether that call created it.</summary>
public sealed class RecordingHelpStore(IHelpStore inner) : IHelpStore
{
    private readonly List<(string Key, bool Created)> _saves = [];
    private readonly List<ArticleFeedback> _feedback = [];

    public IReadOnlyList<ArticleFeedback> Feedback
    {
        get
        {
            lock (_feedback)
            {
                return [.. _feedback];
            }
        }
    }

    public IReadOnlyList<(string Key, bool Created)> Saves
    {
        get
        {
            lock (_saves)
            {
                return [.. _saves];
            }
        }
    }

    public async Task<TicketReceipt> SaveTicketAsync(TicketSubmission ticket, CancellationToken cancellationToken = default)
    {
        var receipt = await inner.SaveTicketAsync(ticket, cancellationToken);
        lock (_saves)
        {
            _saves.Add((ticket.IdempotencyKey, receipt.Created));
        }

        return receipt;
    }

    public Task<StoredTicket?> GetTicketAsync(string reference, CancellationToken cancellationToken = default) => inner.GetTicketAsync(reference, cancellationToken);

    public async Task SaveFeedbackAsync(ArticleFeedback feedback, CancellationToken cancellationToken = default)
    {
        await inner.SaveFeedbackAsync(feedback, cancellationToken);
        lock (_feedback)
        {
            _feedback.Add(feedback);
        }
    }
}

/// <summary>Test-only sign-in: <c>X-Test-User</c> names the user, <c>X-Test-Roles</c> lists their roles (comma-separated).</summary>
internal sealed class HeaderSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestHeader";

    public const string UserHeader = "X-Test-User";

    public const string RolesHeader = "X-Test-Roles";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[UserHeader].ToString();
        if (user.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user), new(ClaimTypes.Name, user) };
        foreach (var role in Request.Headers[RolesHeader].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}

/// <summary>Appends the server's warnings and errors to a file.</summary>
internal sealed class FileLog(string path) : ILoggerProvider, ILogger
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            File.AppendAllText(path, $"{logLevel}: {formatter(state, exception)} {exception}{Environment.NewLine}");
        }
    }
}
