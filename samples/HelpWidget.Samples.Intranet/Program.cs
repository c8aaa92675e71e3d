using System.Globalization;
using HelpWidget;
using HelpWidget.Components;
using HelpWidget.Embeddings.Onnx;
using HelpWidget.Lucene;
using HelpWidget.Markdown;
using HelpWidget.PostgreSql;
using HelpWidget.Samples.Intranet.Components;
using HelpWidget.Sqlite;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

var builder = WebApplication.CreateBuilder(args);

// Serve the component libraries' static assets from the build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();

// A demo sign-in without passwords (/sign-in), so that anyone trying the sample can see what Help does for a known
// user: the roles decide which articles they see, the claims fill in the contact form, dismissals are kept per user.
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.Cookie.Name = "Nordhav.DemoSignIn";
        options.LoginPath = "/sign-in";
        options.ReturnUrlParameter = "returnUrl";
    });
// The help insights dashboard (/insights) is for support managers only: the policy the page's <HelpInsights> checks.
builder.Services.AddAuthorization(options =>
    options.AddPolicy(InsightsAccess.Policy, policy => policy.RequireRole(DemoPerson.SupportManager)));
builder.Services.AddCascadingAuthenticationState();

// One configuration section: HelpWidget's keys are the engine's options and the Markdown folders' (ArticlesPath,
// AnnouncementsPath, DefaultLanguage, WatchForChanges); HelpWidget:Lucene and HelpWidget:Sqlite are the backends'.
// HelpWidget:Rollout (live areas, who sees the Help button and where) is read by AddHelpWidget() itself, and a change to
// it applies without a restart: see appsettings.Pilot.json and docs/rollout.md.
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
    .ConfigurePanel(options => builder.Configuration.GetSection("HelpWidget:Panel").Bind(options))
    .ConfigureLauncher(options => builder.Configuration.GetSection("HelpWidget:Launcher").Bind(options));

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

// Meaning-aware search: HelpWidget:SemanticSearch = true adds the local English model (HelpWidget.Embeddings.Onnx), so
// a question finds its article even when they share no word; HelpWidget:Lucene:Semantic tunes it (SemanticSearchOptions).
// /health says whether search is ready: "Degraded: meaning-aware search (en): 12 of 37 articles ready; ..." while the
// articles' vectors are computed in the background (searches are ranked by words until then), "Healthy: ..." after.
if (settings.GetValue<bool>("SemanticSearch"))
{
    helpWidget.AddOnnxEmbeddings("en");
    builder.Services.Configure<SemanticSearchOptions>(settings.GetSection("Lucene:Semantic"));
}

builder.Services.AddHealthChecks().AddCheck<LuceneSearchHealthCheck>("search");

// HelpWidget:Insights:DemoData: true (the default here) fills the store with a month of simulated use on first run, so
// the dashboard (/insights) has figures to show; they are marked as simulated everywhere. false for real use only.
if (builder.Configuration.GetValue("HelpWidget:Insights:DemoData", defaultValue: false))
{
    helpWidget.AddHelpInsightsDemoData();
}

// HelpWidget:OpenTelemetry:Console: true prints the metrics and traces of every HelpWidget package to the console.
if (builder.Configuration.GetValue<bool>("HelpWidget:OpenTelemetry:Console"))
{
    builder.Services.AddOpenTelemetry()
        .WithMetrics(metrics => metrics.AddMeter(InsightsAccess.TelemetryNames).AddConsoleExporter())
        .WithTracing(tracing => tracing.AddSource(InsightsAccess.TelemetryNames).AddConsoleExporter());
}

// Tickets stay in the SQLite store (the inbox) unless a webhook is configured, e.g. with user secrets:
// HelpWidget:Delivery:Webhook:Url and HelpWidget:Delivery:Webhook:Secret (docs/delivery.md).
var webhook = builder.Configuration.GetSection("HelpWidget:Delivery:Webhook");
if (!string.IsNullOrEmpty(webhook["Url"]))
{
    helpWidget.AddWebhookSink(webhook);
}

// The sample's pages are in English and Swedish; the widget also speaks Norwegian, Danish and Finnish.
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

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

// A strict policy: no inline script or style, no eval; HelpWidget needs nothing more than Blazor itself.
app.Use((context, next) =>
{
    context.Response.Headers.ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    context.Response.Headers.XContentTypeOptions = "nosniff";
    context.Response.Headers["Referrer-Policy"] = "same-origin";
    return next(context);
});
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
// Search's readiness (and meaning-aware search's), as plain text: the status, then what each check said.
app.MapHealthChecks("/health", new() { ResponseWriter = (context, report) => context.Response.WriteAsync($"{report.Status}: {string.Join("; ", report.Entries.Values.Select(e => e.Description))}") });

// The language picker: remembers the choice in the culture cookie, then returns to the page (local URLs only).
app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
{
    // An unknown language (a hand-edited or stale link) keeps the current one and returns to the page.
    if (!cultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
    {
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    Remember(context, CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))));
    return Results.LocalRedirect(LocalOrHome(returnUrl));
});

// The help widget's theme (auto, light or dark), chosen on the profile page and remembered the same way.
app.MapGet("/appearance/{theme}", (string theme, string? returnUrl, HttpContext context) =>
{
    if (Appearance.Parse(theme) is not { } chosen)
    {
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    Remember(context, Appearance.CookieName, chosen.ToString());
    return Results.LocalRedirect(LocalOrHome(returnUrl));
});

// The demo sign-in's form posts (the chooser is the page /sign-in). Form binding makes the antiforgery middleware check
// their token; POST only, so no link or image can sign anyone in or out.
app.MapPost("/account/sign-in", async ([FromForm] string? person, [FromForm] string? returnUrl, HttpContext context) =>
{
    // A stale or hand-made form that names nobody goes back to the chooser.
    if (DemoPerson.Find(person) is not { } chosen)
    {
        return Results.LocalRedirect("/sign-in");
    }

    await context.SignInAsync(chosen.ToPrincipal());
    return Results.LocalRedirect(LocalOrHome(returnUrl));
});

app.MapPost("/account/sign-out", async ([FromForm] string? returnUrl, HttpContext context) =>
{
    await context.SignOutAsync();
    return Results.LocalRedirect(LocalOrHome(returnUrl));
});

app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();


static void Remember(HttpContext context, string cookie, string value) =>
    context.Response.Cookies.Append(cookie, value, new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });

static string LocalOrHome(string? returnUrl) =>
    returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

/// <summary>The sample app's entry point; public so tests can host it.</summary>
public partial class Program;
