using HelpWidget;
using HelpWidget.AspNetCore;
using HelpWidget.Lucene;
using HelpWidget.Markdown;
using HelpWidget.PostgreSql;
using HelpWidget.Sqlite;

var builder = WebApplication.CreateBuilder(args);

// The framework's blazor.server.js and the components' files, from any environment (not only Development).
builder.WebHost.UseStaticWebAssets();

// One configuration section: HelpWidget's keys are the engine's options and the Markdown folders' (ArticlesPath,
// AnnouncementsPath, DefaultLanguage, WatchForChanges); HelpWidget:Lucene, :Sqlite and :Api are the other parts'.
var settings = builder.Configuration.GetSection("HelpWidget");
var helpWidget = builder.Services.AddHelpWidget(options => settings.Bind(options))
    .AddMarkdownContent(options => settings.Bind(options))
    .AddLuceneSearch(options =>
    {
        // The articles' default language, and the synonyms inside their folder, unless HelpWidget:Lucene names others.
        options.DefaultLanguage = settings["DefaultLanguage"] ?? options.DefaultLanguage;
        options.SynonymsPath = Path.Combine(settings["ArticlesPath"] ?? "KnowledgeBase", "synonyms");
        settings.GetSection("Lucene").Bind(options);
    })
    .AddHelpWidgetApi(options => settings.GetSection("Api").Bind(options))
    .AddHelpWidgetEmbed(options => settings.GetSection("Embed").Bind(options));

// One setting moves the app to PostgreSQL: ConnectionStrings:HelpWidget (environment variable
// ConnectionStrings__HelpWidget) keeps tickets, their delivery queue, feedback, dismissals and insights there, and the
// articles search reads, shared by every instance: each publishes its Markdown folder to the table (idempotent), so a
// change made on one reaches all (HelpWidget:PostgreSql names the schema). Without it, the embedded SQLite file and the
// local folder: no database server.
if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("HelpWidget")))
{
    helpWidget.AddSqliteStore(options => settings.GetSection("Sqlite").Bind(options));
}
else
{
    helpWidget.AddPostgreSqlStore(options => settings.GetSection("PostgreSql").Bind(options))
        .AddPostgreSqlArticles(options => options.PublishLocalArticles = true);
}

builder.Services.AddOpenApi();

// The widget speaks these languages; Accept-Language picks the language of error details.
string[] cultures = ["en", "sv", "nb", "da", "fi"];
// A globalization-invariant process (many container images) knows none of them: it then serves every request in the
// invariant culture, which the widget answers in English (HelpWidget:DefaultLanguage); articles keep their languages.
cultures = HelpWidgetCultures.Available(cultures);
builder.Services.Configure<RequestLocalizationOptions>(options =>
{
    if (cultures.Length > 0)
    {
        options.SetDefaultCulture(cultures[0]).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
    }

    options.ApplyCurrentCultureToResponseHeaders = true;
});

var app = builder.Build();

app.UseRequestLocalization();   // the embed's circuit takes its language from ?culture= on the hub's address
app.UseCors();                  // answers preflights for HelpWidget:Api:AllowedOrigins
app.UseRateLimiter();           // per caller: with no sign-in, per IP address
app.MapStaticAssets();          // _framework/blazor.server.js and _content/HelpWidget.Components/… for the embed
app.MapOpenApi();               // /openapi/v1.json
app.MapHelpWidgetApi();         // /helpwidget/api
app.MapHelpWidgetEmbed();       // /helpwidget/embed.js and the widget's circuit hub

// The demo page of the one tag on its own origin (DemoPage, http://127.0.0.1:5321 by default): the page any site
// would have, with the snippet from docs/hosts.md and the strict Content-Security-Policy the docs show.
if (builder.Configuration["DemoPage"] is { Length: > 0 } demoPage && Uri.TryCreate(demoPage, UriKind.Absolute, out var demo))
{
    app.MapGet("/", (HttpContext context) => HelpWidget.Samples.Server.DemoPage.Serve(context, app.Environment, app.Urls))
        .RequireHost($"*:{demo.Port}")
        .ExcludeFromDescription();
}

app.MapGet("/", () => TypedResults.Text(
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>HelpWidget help server</title></head>
        <body>
        <h1>HelpWidget help server</h1>
        <p>This server answers the HelpWidget HTTP API under <code>/helpwidget/api</code> for any number of apps:
        search, suggestions, articles, feedback, announcements and tickets from one knowledge base.</p>
        <p>The API is described by its OpenAPI document: <a href="/openapi/v1.json">/openapi/v1.json</a>.</p>
        </body>
        </html>
        """,
        "text/html; charset=utf-8"))
    .ExcludeFromDescription();

app.Run();


namespace HelpWidget.Samples.Server
{
    /// <summary>Serves samples/static/index.html with the help server's origin in place of <c>{HELP_SERVER}</c>.</summary>
    internal static class DemoPage
    {
        public static IResult Serve(HttpContext context, IWebHostEnvironment environment, ICollection<string> urls)
        {
            // The help server is the address this app listens on that is not the demo page's own.
            var own = context.Request.Host.Port;
            var server = urls.Select(url => new Uri(url)).FirstOrDefault(url => url.Port != own)?.GetLeftPart(UriPartial.Authority)
                ?? throw new InvalidOperationException("The demo page needs the help server's own address among the app's URLs.");
            var path = Path.Combine(environment.ContentRootPath, "..", "static", "index.html");
            var html = File.ReadAllText(path).Replace("{HELP_SERVER}", server, StringComparison.Ordinal);
            // Chromium does not let connect-src http://host cover ws://host: the circuit's WebSocket is named too.
            var socket = "ws" + server[4..];
            context.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; script-src {server}; style-src {server}; connect-src {server} {socket}; img-src {server}";
            return TypedResults.Content(html, "text/html; charset=utf-8");
        }
    }

    /// <summary>A type of the help server's assembly, so tests can host it with <c>WebApplicationFactory&lt;HelpServer&gt;</c>.</summary>
    public sealed class HelpServer
    {
        private HelpServer()
        {
        }
    }
}
