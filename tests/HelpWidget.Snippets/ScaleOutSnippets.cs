// Many instances: the PostgreSQL store and shared search
using HelpWidget.Lucene;
using HelpWidget.Markdown;
using HelpWidget.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Snippets;

/// <summary>The code shown in docs/scale-out.md and the HelpWidget.PostgreSql package's README.</summary>
public static class ScaleOutSnippets
{
    /// <summary>The PostgreSQL store in a chosen schema (the package README).</summary>
    public static void StoreInASchema(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()
            .AddLuceneSearch()
            .AddPostgreSqlStore(options => options.Schema = "helpwidget"); // ConnectionStrings:HelpWidget
    }

    /// <summary>The PostgreSQL store with its defaults (docs/scale-out.md, "The store").</summary>
    public static void Store(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()
            .AddLuceneSearch()
            .AddPostgreSqlStore(); // ConnectionStrings:HelpWidget, schema "helpwidget"
    }

    /// <summary>Articles shared through PostgreSQL, each instance searching them with Lucene (docs/scale-out.md).</summary>
    public static void SharedSearch(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()                     // before: set aside as the articles this instance publishes
            .AddPostgreSqlStore()                     // ConnectionStrings:HelpWidget, or an NpgsqlDataSource from DI
            .AddPostgreSqlArticles(o => o.PublishLocalArticles = true) // on the instance that owns publishing
            .AddLuceneSearch();
    }
}
