extern alias HelpServerHost;

using System.Collections.Concurrent;
using System.Net;
using HelpServerHost::HelpWidget.Samples.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace HelpWidget.Browser.Tests;

/// <summary>The browser tests of the one tag share one <see cref="EmbedFixture"/>.</summary>
[CollectionDefinition("embed")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "An xunit collection definition: the suffix names what it is, as xunit's own examples do.")]
public sealed class EmbedCollection : ICollectionFixture<EmbedFixture>;

/// <summary>
/// The one tag as another site uses it, on real Kestrel at 127.0.0.1: the help server sample (the intranet sample's
/// knowledge base, tickets in a temporary SQLite file) and a second origin, <see cref="PagesAddress"/>, whose pages a
/// test writes with <see cref="ServePage"/> (the snippet from docs/hosts.md, a Content-Security-Policy of its choice).
/// That origin is in the help server's <c>HelpWidget:Api:AllowedOrigins</c>; <see cref="ForeignPagesAddress"/> serves the
/// same pages from an origin that is not. A <see cref="FaultProxy"/> in front of the help server (<see cref="Proxy"/>)
/// lets a test make the help server unreachable, stalled or failing and bring it back: a page that should meet those
/// faults uses <c>Proxy.Address</c> as its help server (<see cref="SnippetFor"/>, <see cref="StrictCsp"/>), and the test
/// calls <c>Proxy.SwitchAsync(ProxyMode.Stopped)</c> and later <c>Proxy.SwitchAsync(ProxyMode.Forward)</c>. The proxy
/// forwards plain HTTP only, so through it the circuit runs over long polling after the WebSocket attempt fails; pages
/// that should not meet faults use <see cref="HelpServerAddress"/> directly. Tests that switch the proxy must not run in
/// parallel with each other (they share it); xunit runs the tests of one collection one after another.
/// </summary>
public class EmbedFixture : IAsyncLifetime
{
    /// <summary>The issuer the help server trusts for tokens in these tests (see <see cref="MintToken"/>).</summary>
    public const string TokenIssuer = "https://pages.test.example";

    /// <summary>The key <see cref="TokenIssuer"/> signs with: Base64 of 32 bytes, for tests only.</summary>
    public const string TokenSigningKey = "dGVzdC1vbmx5LWtleS1mb3ItaGVscHdpZGdldC1lbWJlZA==";

    private static readonly string[] s_chromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("hw-embed-");
    private readonly ConcurrentDictionary<string, (string Html, string? Csp)> _pages = new(StringComparer.Ordinal);
    private WebApplicationFactory<HelpServer>? _helpServer;
    private WebApplication? _pagesServer;
    private IPlaywright? _playwright;

    /// <summary>Gets the help server's address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri HelpServerAddress { get; private set; } = default!;

    /// <summary>Gets the help server's services (its store, its knowledge provider, its options).</summary>
    public IServiceProvider HelpServer => _helpServer!.Services;

    /// <summary>Gets the browser (Chromium at /usr/bin/chromium, or HW_CHROMIUM); each test makes its own context.</summary>
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Gets the origin that serves <see cref="ServePage"/>'s pages and is allowed by the help server.</summary>
    public Uri PagesAddress { get; private set; } = default!;

    /// <summary>Gets another origin that serves the same pages but is not in the help server's allowed origins.</summary>
    public Uri ForeignPagesAddress { get; private set; } = default!;

    /// <summary>Gets the proxy in front of the help server, forwarding until a test switches it.</summary>
    public FaultProxy Proxy { get; private set; } = default!;

    /// <summary>Gets the help server's SQLite file.</summary>
    public string DatabasePath => Path.Combine(_data.FullName, "helpwidget.db");

    /// <summary>Gets the snippet of docs/hosts.md (the lines between its embed markers) with the help server's origin in it.</summary>
    public string Snippet => SnippetFor(HelpServerAddress);

    /// <summary>Gets the Content-Security-Policy docs/hosts.md tells a host to send, allowing only <paramref name="helpServer"/>.</summary>
    /// <param name="helpServer">The help server's address (or the proxy's).</param>
    /// <returns>The header's value.</returns>
    public static string StrictCsp(Uri helpServer)
    {
        ArgumentNullException.ThrowIfNull(helpServer);
        var origin = helpServer.GetLeftPart(UriPartial.Authority);
        var socket = (helpServer.Scheme == Uri.UriSchemeHttps ? "wss://" : "ws://") + helpServer.Authority;
        return $"default-src 'none'; script-src {origin}; style-src {origin}; connect-src {origin} {socket}; img-src {origin}";
    }

    /// <summary>Gets the snippet of docs/hosts.md with <paramref name="helpServer"/>'s origin for <c>{HELP_SERVER}</c>.</summary>
    /// <param name="helpServer">The help server's address (or the proxy's).</param>
    /// <returns>The snippet's lines.</returns>
    public static string SnippetFor(Uri helpServer)
    {
        ArgumentNullException.ThrowIfNull(helpServer);
        return DocumentedSnippet.Value.Replace("{HELP_SERVER}", helpServer.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);
    }

    /// <summary>Gets the repository's root folder.</summary>
    public static string RepositoryRoot => FindRoot();

    /// <summary>Gets the snippet exactly as docs/hosts.md shows it, <c>{HELP_SERVER}</c> included.</summary>
    public static Lazy<string> DocumentedSnippet { get; } = new(() =>
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot, "docs", "hosts.md"));
        var start = Array.FindIndex(lines, line => line.Trim() == "<!-- embed:start -->");
        var end = Array.FindIndex(lines, line => line.Trim() == "<!-- embed:end -->");
        if (start < 0 || end <= start + 1)
        {
            throw new InvalidOperationException("docs/hosts.md has no snippet between <!-- embed:start --> and <!-- embed:end -->.");
        }

        return string.Join('\n', lines[(start + 1)..end].Where(line => !line.StartsWith("```", StringComparison.Ordinal)));
    });

    /// <summary>
    /// Serves <paramref name="html"/> at <paramref name="path"/> on <see cref="PagesAddress"/> and
    /// <see cref="ForeignPagesAddress"/>, with <paramref name="contentSecurityPolicy"/> as its Content-Security-Policy
    /// header (<see langword="null"/>: none). A later call for the same path replaces the page. Any text can be served
    /// this way, such as a token for a page's <c>data-token-url</c>.
    /// </summary>
    /// <param name="path">The page's path, starting with <c>/</c>.</param>
    /// <param name="html">The page.</param>
    /// <param name="contentSecurityPolicy">The policy, such as <see cref="StrictCsp"/>, or <see langword="null"/>.</param>
    public void ServePage(string path, string html, string? contentSecurityPolicy)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(html);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException("A page's path starts with '/'.", nameof(path));
        }

        _pages[path] = (html, contentSecurityPolicy);
    }

    /// <summary>Mints a token as a host's backend would (<c>HelpWidgetEmbedTokens</c>) for a user of <see cref="TokenIssuer"/>.</summary>
    /// <param name="userId">The user's id (<c>sub</c>).</param>
    /// <param name="audience">The help server the token is for; <see langword="null"/> is <see cref="HelpServerAddress"/>.</param>
    /// <returns>The token.</returns>
    public string MintToken(string userId, Uri? audience = null) => AspNetCore.HelpWidgetEmbedTokens.Create(
        new AspNetCore.HelpWidgetEmbedTokenOptions
        {
            Issuer = TokenIssuer,
            Audience = (audience ?? HelpServerAddress).GetLeftPart(UriPartial.Authority),
            SigningKey = TokenSigningKey,
        },
        new HelpUser { Id = userId, DisplayName = "Embed Test User", Email = "embed.user@example.com" });

    /// <summary>Counts the tickets in the help server's store with this subject.</summary>
    /// <param name="subject">The subject a test gave its ticket.</param>
    /// <returns>How many there are.</returns>
    public async Task<long> CountTicketsAsync(string subject)
    {
        if (!File.Exists(DatabasePath))
        {
            return 0;
        }

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM tickets WHERE subject = $subject";
        command.Parameters.AddWithValue("$subject", subject);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("HW_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium was not found at '{chromium}'. Run the README's test command, which installs it, or set HW_CHROMIUM.");
        }

        var pagesPort = FreePort.Next();
        var foreignPort = FreePort.Next();
        PagesAddress = new Uri($"http://127.0.0.1:{pagesPort}/");
        ForeignPagesAddress = new Uri($"http://127.0.0.1:{foreignPort}/");
        _helpServer = new WebApplicationFactory<HelpServer>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("DemoPage", string.Empty);
            builder.UseSetting("DetailedErrors", "true");
            builder.UseSetting("HelpWidget:Sqlite:ConnectionString", $"Data Source={DatabasePath}");
            builder.UseSetting("HelpWidget:WatchForChanges", "false");
            builder.UseSetting("HelpWidget:Api:AllowedOrigins:0", PagesAddress.GetLeftPart(UriPartial.Authority));
            builder.UseSetting("HelpWidget:Api:AllowedOrigins:1", PagesAddress.GetLeftPart(UriPartial.Authority));
            builder.UseSetting("HelpWidget:Embed:Issuers:0:Issuer", TokenIssuer);
            builder.UseSetting("HelpWidget:Embed:Issuers:0:SigningKey", TokenSigningKey);
            ConfigureHelpServer(builder);
        });
        _helpServer.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _helpServer.StartServer();
        HelpServerAddress = new Uri(_helpServer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        Proxy = await FaultProxy.StartAsync();
        Proxy.Target = HelpServerAddress;

        var pages = WebApplication.CreateSlimBuilder();
        pages.Logging.ClearProviders();
        pages.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, pagesPort);
            options.Listen(IPAddress.Loopback, foreignPort);
        });
        _pagesServer = pages.Build();
        _pagesServer.Run(ServeAsync);
        await _pagesServer.StartAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = s_chromiumArguments });
    }

    /// <inheritdoc />
    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_pagesServer is not null)
        {
            await _pagesServer.DisposeAsync();
        }

        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        if (_helpServer is not null)
        {
            await _helpServer.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    /// <summary>Changes the help server's settings after the shared ones.</summary>
    /// <param name="builder">The help server's web host builder.</param>
    protected virtual void ConfigureHelpServer(IWebHostBuilder builder)
    {
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!_pages.TryGetValue(context.Request.Path.Value ?? "/", out var page))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (page.Csp is not null)
        {
            context.Response.Headers.ContentSecurityPolicy = page.Csp;
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(page.Html);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HelpWidget.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository's root (HelpWidget.sln) was not found above the test's folder.");
    }
}
