using HelpWidget.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Snippets;

/// <summary>The registration of a Razor Pages or MVC app shown in docs/hosts.md ("Razor Pages and MVC").</summary>
public static class RazorPagesSnippets
{
    public static void Registration(WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages();               // or AddControllersWithViews() in an MVC app

        // The help server's address from HelpWidget:Server, such as https://help.example.
        builder.Services.AddHelpWidgetTagHelpers(options => builder.Configuration.GetSection("HelpWidget").Bind(options));
    }

    public static void InCode(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidgetTagHelpers(options =>
        {
            options.Server = new Uri("https://help.example");
            options.ContactEmail = "servicedesk@example.com";      // offered when the help server cannot be reached
            options.ContactPhone = "+46 8 555 010 00";
        });
    }

    public static void Token(WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHelpWidgetToken();   // GET /helpwidget/token: a signed-in user's token for the help server
    }
}
