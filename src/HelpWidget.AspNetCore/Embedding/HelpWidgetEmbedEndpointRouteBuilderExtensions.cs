using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.AspNetCore;

/// <summary>Maps the one tag that puts the widget on any page of an allowed origin.</summary>
public static class HelpWidgetEmbedEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET {prefix}/embed.js</c> (the script a page includes), <c>GET {prefix}/embed.css</c> (its button's
    /// styles), <c>GET {prefix}/embed/status</c> (how the script tells a help server that is down from one that does not
    /// allow the page), <c>GET {prefix}/embed/launcher?route=</c> (whether the roll-out shows the page's user the Help
    /// button on that route: <c>{"launcher":true}</c>, rate-limited as searches are) and the Blazor hub at <c>/_blazor</c> the widget's circuit connects to, with the CORS policy
    /// <see cref="HelpWidgetEmbedOptions.CorsPolicy"/> and the page's token read by the scheme
    /// <see cref="HelpWidgetEmbedOptions.AuthenticationScheme"/>. Register the services with <c>AddHelpWidgetEmbed()</c>.
    /// An app that is itself a Blazor Server app already maps that hub: it passes <paramref name="mapHub"/> as
    /// <see langword="false"/>, and its hub then serves the widget's circuits too.
    /// </summary>
    /// <param name="endpoints">The app's endpoint route builder.</param>
    /// <param name="prefix">The path of the script and styles, starting with <c>/</c>. Defaults to <c>/helpwidget</c>.</param>
    /// <param name="mapHub">Whether to map the Blazor hub. Defaults to <see langword="true"/>.</param>
    /// <returns>A builder for conventions on the script, styles and status endpoints.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="prefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> does not start with <c>/</c>.</exception>
    /// <exception cref="InvalidOperationException"><c>AddHelpWidgetEmbed()</c> was not called.</exception>
    public static IEndpointConventionBuilder MapHelpWidgetEmbed(this IEndpointRouteBuilder endpoints, string prefix = "/helpwidget", bool mapHub = true)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!prefix.StartsWith('/'))
        {
            throw new ArgumentException("The prefix must be a path that starts with '/', such as /helpwidget.", nameof(prefix));
        }

        if (endpoints.ServiceProvider.GetService<EmbedHelpWidgetBuilderExtensions.EmbedMarker>() is null)
        {
            throw new InvalidOperationException("MapHelpWidgetEmbed() needs the embed's services: call builder.Services.AddHelpWidget().AddHelpWidgetEmbed().");
        }

        var group = endpoints.MapGroup(prefix);
        group.ExcludeFromDescription();
        group.MapGet("embed.js", EmbedFiles.Script.Serve);
        group.MapGet("embed.css", EmbedFiles.Styles.Serve);
        group.MapGet("embed/status", () => TypedResults.NoContent()).RequireCors(HelpWidgetEmbedOptions.CorsPolicy);
        group.MapGet(EmbedLauncherEndpoint.Name, EmbedLauncherEndpoint.GetAsync)
            .RequireCors(HelpWidgetEmbedOptions.CorsPolicy)
            .AddEndpointFilter(ApiEndpoints.Guard(EmbedLauncherEndpoint.Name))
            .RequireRateLimiting(HelpWidgetApiRateLimitPolicies.Search);
        if (mapHub)
        {
            endpoints.MapBlazorHub(EmbedOrigins.HubPath)
                .RequireCors(HelpWidgetEmbedOptions.CorsPolicy)
                .RequireAuthorization(EmbedHelpWidgetBuilderExtensions.HubPolicy);
        }

        return group;
    }
}
