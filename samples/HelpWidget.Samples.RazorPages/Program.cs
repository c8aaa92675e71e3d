using System.Globalization;
using HelpWidget;
using HelpWidget.AspNetCore;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorPages();
builder.Services.AddControllersWithViews();     // the leave request is an MVC controller and view (Controllers/LeaveController.cs)

// A demo sign-in without passwords (/sign-in), as in the intranet sample: a signed-in person's pages say who they are.
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.Cookie.Name = "Nordhav.DemoSignIn";
        options.LoginPath = "/sign-in";
        options.ReturnUrlParameter = "returnUrl";
    });
builder.Services.AddAuthorization();

// The tag helpers <help-widget>, <help-context> and <help-field> (Pages/_ViewImports.cshtml): the help server's address
// is HelpWidget:Server, the channels offered when it cannot be reached HelpWidget:ContactEmail, :ContactPhone and :ContactUrl.
builder.Services.AddHelpWidgetTagHelpers(options => builder.Configuration.GetSection("HelpWidget").Bind(options));
var helpServer = builder.Configuration.GetValue<Uri>("HelpWidget:Server");

// The sample's pages are in English and Swedish; the widget also speaks Norwegian, Danish and Finnish.
string[] cultures = ["en", "sv", "nb", "da", "fi"];
// A globalization-invariant process (many container images) knows none of them: it then serves every request in the
// invariant culture, which the widget answers in English; articles keep their languages.
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
    app.UseExceptionHandler("/error");
}

app.UseStatusCodePagesWithReExecute("/not-found");

// A strict policy: no inline script or style, no eval. The embed needs the help server's origin for its script, its
// styles and its connection (HTTP and the WebSocket of the panel's circuit), nothing else.
var help = helpServer is null ? string.Empty : " " + helpServer.GetLeftPart(UriPartial.Authority);
var helpSocket = helpServer is null ? string.Empty : " " + (helpServer.Scheme == Uri.UriSchemeHttps ? "wss://" : "ws://") + helpServer.Authority;
app.Use((context, next) =>
{
    context.Response.Headers.ContentSecurityPolicy =
        $"default-src 'self'; script-src 'self'{help}; style-src 'self'{help}; img-src 'self' data:{help}; " +
        $"connect-src 'self'{help}{helpSocket}; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    context.Response.Headers.XContentTypeOptions = "nosniff";
    context.Response.Headers["Referrer-Policy"] = "same-origin";
    return next(context);
});
app.UseRequestLocalization();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

// The language picker: remembers the choice in the culture cookie, then returns to the page (local URLs only).
app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
{
    // An unknown language (a hand-edited or stale link) keeps the current one.
    if (cultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
    {
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
    }

    return Results.LocalRedirect(HelpWidget.Samples.RazorPages.LocalUrl.OrHome(returnUrl));
});

// With a signing key (HelpWidget:Token:SigningKey, the key the help server lists for this app in
// HelpWidget:Embed:Issuers), a signed-in person's page gets a token for the help server, which then knows them: the
// articles for their role, their name and e-mail address in the contact form.
if (!string.IsNullOrEmpty(builder.Configuration["HelpWidget:Token:SigningKey"]))
{
    app.MapHelpWidgetToken();
}

app.MapRazorPages();
app.MapControllers();

app.Run();

namespace HelpWidget.Samples.RazorPages
{
    /// <summary>A type of the Razor Pages sample's assembly, so tests can host it with <c>WebApplicationFactory&lt;RazorPagesSample&gt;</c>.</summary>
    public sealed class RazorPagesSample
    {
        private RazorPagesSample()
        {
        }
    }
}
