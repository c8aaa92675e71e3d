// Program.cs of a help server: the HTTP API over the embedded engine
using HelpWidget.AspNetCore;
using HelpWidget.Lucene;
using HelpWidget.Markdown;
using HelpWidget.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Snippets;

/// <summary>The code shown in src/HelpWidget.AspNetCore/README.md and docs/api.md.</summary>
public static class ApiSnippets
{
    /// <summary>The package README's quick start: a whole help server.</summary>
    public static void QuickStart(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication();              // the app's own sign-in (cookies, JWT bearer, ...)
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()
            .AddLuceneSearch()
            .AddSqliteStore()
            .AddHelpWidgetApi();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseRateLimiter();                              // after authentication: limits are per signed-in user
        app.MapHelpWidgetApi();                            // under /helpwidget/api
        app.Run();
    }

    /// <summary>docs/api.md: limits and a prefix of the app's choosing.</summary>
    public static void Options(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()
            .AddLuceneSearch()
            .AddSqliteStore()
            .AddHelpWidgetApi(options =>
            {
                options.SearchPermitLimit = 60;            // searches and suggestions per caller and window
                options.FeedbackPermitLimit = 10;          // feedback answers and dismissals per caller and window
                options.RateLimitWindow = TimeSpan.FromMinutes(1);
                options.MaxJsonBodyBytes = 16 * 1024;      // larger bodies answer 413
                options.AllowedOrigins.Add("https://intranet.example"); // other sites whose pages call the API
            });
    }

    /// <summary>docs/api.md: the middleware order when other sites' pages call the API.</summary>
    public static void Pipeline(WebApplication app)
    {
        app.UseCors();                                     // answers preflights for AllowedOrigins
        app.UseAuthentication();
        app.UseRateLimiter();
        app.MapHelpWidgetApi();
    }

    /// <summary>docs/api.md: the API for signed-in users only, and the app's own endpoint under the search policy.</summary>
    public static void Conventions(WebApplication app)
    {
        app.MapHelpWidgetApi("/help/api").RequireAuthorization();
        app.MapGet("/my-search", () => TypedResults.Ok()).RequireRateLimiting(HelpWidgetApiRateLimitPolicies.Search);
    }
}
