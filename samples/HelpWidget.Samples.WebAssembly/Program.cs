using System.Globalization;
using HelpWidget;
using HelpWidget.Samples.WebAssembly.Client;
using HelpWidget.Samples.WebAssembly.Components;
using Microsoft.AspNetCore.Localization;

var builder = WebApplication.CreateBuilder(args);

// Serve the client's runtime and the component libraries' static assets from the build output in every environment.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents()          // an InteractiveAuto page's first visit runs on the server
    .AddInteractiveWebAssemblyComponents();

// The browser's registration (Client/SampleHelp.cs), here too: the host prerenders every page and runs InteractiveAuto
// pages until WebAssembly is cached, so it needs the same services, talking to the same help server.
builder.Services.AddSampleHelp(builder.Configuration);
var helpServer = SampleHelp.ServerAddress(builder.Configuration);

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

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

// A strict policy: no inline script or style, no eval. WebAssembly needs 'wasm-unsafe-eval' (compiling .NET's
// runtime, not JavaScript eval); the widget in the browser calls the help server, which connect-src names.
var connectTo = helpServer.GetLeftPart(UriPartial.Authority);
app.Use((context, next) =>
{
    context.Response.Headers.ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
        $"connect-src 'self' {connectTo}; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    context.Response.Headers.XContentTypeOptions = "nosniff";
    context.Response.Headers["Referrer-Policy"] = "same-origin";
    return next(context);
});
app.UseRequestLocalization();
app.UseAntiforgery();
app.MapStaticAssets();

// The language picker: remembers the choice in the culture cookie, then returns to the page (local URLs only).
app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
{
    if (cultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
    {
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
    }

    // An unknown language (a hand-edited or stale link) keeps the current one.
    return Results.LocalRedirect(LocalOrHome(returnUrl));
});

// What the browser's runtime asks before it starts (Client/Program.cs): this request's language and the HelpWidget
// section of the host's configuration, so --HelpWidget:Server=… or HelpWidget__Server reaches the widget in the browser.
app.MapGet("/" + ClientSettings.Path, (HttpContext context, IConfiguration configuration) =>
{
    context.Response.Headers.CacheControl = "no-store";
    return TypedResults.Json(ClientSettings.From(CultureInfo.CurrentUICulture.Name, configuration), ClientSettingsJsonContext.Default.ClientSettings);
});

app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .AddInteractiveWebAssemblyRenderMode()
    .AddAdditionalAssemblies(typeof(Routes).Assembly);

app.Run();


static string LocalOrHome(string? returnUrl) =>
    returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

namespace HelpWidget.Samples.WebAssembly
{
    /// <summary>A type of the WebAssembly sample's host, so tests can host it with <c>WebApplicationFactory&lt;WebAssemblySample&gt;</c>.</summary>
    public sealed class WebAssemblySample
    {
        private WebAssemblySample()
        {
        }
    }
}
