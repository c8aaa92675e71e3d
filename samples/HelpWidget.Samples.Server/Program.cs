using HelpWidget;
using HelpWidget.AspNetCore;
using HelpWidget.Lucene;
using HelpWidget.Markdown;
using HelpWidget.Sqlite;

var builder = WebApplication.CreateBuilder(args);

// One configuration section: HelpWidget's keys are the engine's options and the Markdown folders' (ArticlesPath,
// AnnouncementsPath, DefaultLanguage, WatchForChanges); HelpWidget:Lucene, :Sqlite and :Api are the other parts'.
var settings = builder.Configuration.GetSection("HelpWidget");
builder.Services.AddHelpWidget(options => settings.Bind(options))
    .AddMarkdownContent(options => settings.Bind(options))
    .AddLuceneSearch(options =>
    {
        // The articles' default language, and the synonyms inside their folder, unless HelpWidget:Lucene names others.
        options.DefaultLanguage = settings["DefaultLanguage"] ?? options.DefaultLanguage;
        options.SynonymsPath = Path.Combine(settings["ArticlesPath"] ?? "KnowledgeBase", "synonyms");
        settings.GetSection("Lucene").Bind(options);
    })
    .AddSqliteStore(options => settings.GetSection("Sqlite").Bind(options))
    .AddHelpWidgetApi(options => settings.GetSection("Api").Bind(options));
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

app.UseRequestLocalization();
app.UseCors();                  // answers preflights for HelpWidget:Api:AllowedOrigins
app.UseRateLimiter();           // per caller: with no sign-in, per IP address
app.MapOpenApi();               // /openapi/v1.json
app.MapHelpWidgetApi();         // /helpwidget/api

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
    /// <summary>A type of the help server's assembly, so tests can host it with <c>WebApplicationFactory&lt;HelpServer&gt;</c>.</summary>
    public sealed class HelpServer
    {
        private HelpServer()
        {
        }
    }
}
