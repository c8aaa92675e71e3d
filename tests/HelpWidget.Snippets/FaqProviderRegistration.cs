using HelpWidget;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Contoso.Help;

/// <summary>How the Abstractions README registers <see cref="FaqProvider"/>.</summary>
public static class FaqProviderRegistration
{
    public static void Register(WebApplicationBuilder builder)
    {
        // Program.cs
        HelpArticle[] faq =
        [
            new() { Id = "opening-hours", Language = "en", Title = "When is the service desk open?", Summary = "Weekdays 08:00-17:00." },
        ];

        builder.Services.AddHelpWidget()
            .AddKnowledgeProvider(_ => new FaqProvider(faq));
    }

    public static void RegisterByType(WebApplicationBuilder builder)
    {
        builder.Services.AddHelpWidget()
            .AddKnowledgeProvider<ConfluenceProvider>(); // created once; its constructor's parameters are resolved as services
    }

    /// <summary>A provider whose constructor takes services, to show the generic registration.</summary>
    public sealed class ConfluenceProvider(IHttpClientFactory http) : DelegatingKnowledgeProvider(new FaqProvider([]))
    {
        public IHttpClientFactory Http { get; } = http;
    }
}
