using System.Globalization;
using HelpWidget;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace HelpWidget.Snippets;

/// <summary>The request localization shown in docs/languages.md.</summary>
public static class LanguageSnippets
{
    public static void RequestLocalization(WebApplication app)
    {
        // A globalization-invariant process (DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 or <InvariantGlobalization>, as in many
        // container images) knows no culture but the invariant one: list only those it knows, or startup throws.
        string[] wanted = ["en", "sv", "nb", "da", "fi"];
        string[] cultures = HelpWidgetCultures.Available(wanted);
        if (cultures.Length > 0)
        {
            app.UseRequestLocalization(options => options
                .SetDefaultCulture(cultures[0])
                .AddSupportedCultures(cultures)
                .AddSupportedUICultures(cultures));
        }
    }

    public static async Task<HelpArticle?> ArticleForTheUserAsync(IKnowledgeProvider knowledge, IOptions<HelpWidgetOptions> options, string id)
    {
        var request = new ArticleRequest(id) { Language = options.Value.LanguageFor(CultureInfo.CurrentUICulture) };
        return await knowledge.GetArticleAsync(request);
    }
}
