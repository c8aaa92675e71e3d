// Program.cs: the usings at the top, the registration after AddRazorComponents()
using HelpWidget;
using HelpWidget.Components;
using HelpWidget.Lucene;
using HelpWidget.Markdown;
using HelpWidget.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Snippets;

/// <summary>The registration code shown in the package READMEs.</summary>
public static class ProgramSnippets
{
    /// <summary>The lines the root README adds to the Blazor template's Program.cs, after its AddRazorComponents statement.</summary>
    public static void Readme(WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        // Markdown articles from ./KnowledgeBase, searched in-process; tickets and feedback in ./helpwidget.db.
        builder.Services.AddHelpWidget()
            .AddMarkdownContent(options => options.ArticlesPath = "KnowledgeBase")
            .AddLuceneSearch()
            .AddSqliteStore(options => options.ConnectionString = "Data Source=helpwidget.db");
    }

    public static void Engine(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()  // HelpWidget.Markdown: articles and announcements from folders
            .AddLuceneSearch()     // HelpWidget.Lucene: search in-process
            .AddSqliteStore();     // HelpWidget.Sqlite: tickets and feedback in a local file
    }

    public static void Components(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()
            .AddLuceneSearch()
            .AddSqliteStore();
    }

    public static void Lucene(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()  // HelpWidget.Markdown: the articles the engine indexes
            .AddLuceneSearch(options =>
            {
                options.DefaultLanguage = "en";                    // searched when the user's language has no articles
                options.SynonymsPath = "KnowledgeBase/synonyms";   // the default
            });
    }

    public static void Sqlite(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()
            .AddLuceneSearch()
            .AddSqliteStore(options => options.ConnectionString = "Data Source=helpwidget.db");
    }

    public static void Markdown(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddMarkdownContent(options =>
            {
                options.ArticlesPath = "KnowledgeBase";      // the defaults
                options.AnnouncementsPath = "Announcements";
                options.DefaultLanguage = "en";              // for files that name no language
            })
            .AddLuceneSearch();    // HelpWidget.Lucene indexes them
    }

    public static void Contact(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget(options =>
        {
            var contact = options.Contact;
            contact.Policy = ContactPolicy.AfterSelfService;
            contact.Rules.Add(new ContactPolicyRule { Audience = "manager", Policy = ContactPolicy.Always });
            contact.Email = "servicedesk@example.com";
            contact.Phone = new ContactChannel
            {
                Address = "+46 8 555 010 00",
                Hours = new OpeningHours { TimeZone = "Europe/Stockholm", Opens = new(8, 0), Closes = new(16, 30) },
            };
            contact.Categories.Add(new ContactCategory { Key = "hardware", Label = "Computer or phone", Labels = { ["sv"] = "Dator eller telefon" } });
            contact.Fields.Add(new ContactField { Key = "asset-tag", Label = "Asset tag", Kind = ContactFieldKind.Text });
        });
    }

    public static void PanelSearchHint(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .ConfigurePanel(options => options.SearchHints["en"] = "For example: payslip, parking permit");
    }
}
