using System.Security.Claims;
using HelpWidget.Lucene;
using HelpWidget.Markdown;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Snippets;

/// <summary>The code shown in docs/rollout.md and the README's "Start small".</summary>
public static class RolloutSnippets
{
    /// <summary>docs/rollout.md: the roll-out set in code instead of (or on top of) the settings file.</summary>
    public static void InCode(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()
            .AddLuceneSearch();

        builder.Services.Configure<HelpRolloutOptions>(options =>
        {
            options.LiveAreas = ["accounts-devices", "working-together"];
            options.Launcher.Audience = HelpLauncherRollout.RolesAudience;
            options.Launcher.Roles = ["pilot"];
        });
    }

    /// <summary>docs/rollout.md: a page of the app's own asks the same question the launcher asks.</summary>
    public static bool ShowsHelpHere(HttpContext context)
    {
        var rollout = context.RequestServices.GetRequiredService<IHelpRollout>();
        ClaimsPrincipal user = context.User;
        return rollout.ShowsLauncher(HelpUser.FromClaims(user), context.Request.Path, user.Claims);
    }
}
