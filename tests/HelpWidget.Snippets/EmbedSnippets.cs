// The one tag: a help server that serves it, and a host's backend that mints its users' tokens
using HelpWidget.AspNetCore;
using HelpWidget.Lucene;
using HelpWidget.Markdown;
using HelpWidget.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Snippets;

/// <summary>The code shown in docs/hosts.md, "Any page: one tag".</summary>
public static class EmbedSnippets
{
    /// <summary>A help server that serves the one tag.</summary>
    public static void HelpServer(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()
            .AddLuceneSearch()
            .AddSqliteStore()
            .AddHelpWidgetApi(options => builder.Configuration.GetSection("HelpWidget:Api").Bind(options))
            .AddHelpWidgetEmbed(options => builder.Configuration.GetSection("HelpWidget:Embed").Bind(options));

        var app = builder.Build();
        app.UseRequestLocalization();   // the circuit's language comes from ?culture= on the hub's address
        app.UseCors();
        app.MapStaticAssets();          // _framework/blazor.server.js and the components' files
        app.MapHelpWidgetEmbed();       // /helpwidget/embed.js, embed.css, embed/status, embed/launcher and the hub at /_blazor
        app.Run();
    }

    /// <summary>The host's side: the address its pages name in data-token-url.</summary>
    public static void HostTokenEndpoint(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.MapGet("/helpwidget/token", (HttpContext context) => HelpWidgetEmbedTokens.Create(
                new HelpWidgetEmbedTokenOptions
                {
                    Issuer = "https://intranet.example",       // listed in the help server's HelpWidget:Embed:Issuers
                    Audience = "https://help.example",         // the help server's origin
                    SigningKey = builder.Configuration["HelpWidget:EmbedSigningKey"]!,
                },
                HelpUser.FromClaims(context.User)))
            .RequireAuthorization();
        app.Run();
    }
}
