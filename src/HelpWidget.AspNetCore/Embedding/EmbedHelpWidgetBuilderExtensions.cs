using HelpWidget.Components;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore;

/// <summary>Adds the services of the one tag that puts the widget on any page of an allowed origin.</summary>
public static class EmbedHelpWidgetBuilderExtensions
{
    /// <summary>The authorization policy of the embed's hub: anyone may connect; a valid token makes them its user.</summary>
    internal const string HubPolicy = "HelpWidget.Embed";

    /// <summary>
    /// Adds what <see cref="HelpWidgetEmbedEndpointRouteBuilderExtensions.MapHelpWidgetEmbed"/> needs: the widget's
    /// components in Blazor Server circuits (<see cref="HelpEmbed"/> registered for JavaScript), the HTTP API's services
    /// (<c>AddHelpWidgetApi()</c>, whose <see cref="HelpWidgetApiOptions.AllowedOrigins"/> say which pages may embed the
    /// widget), the CORS policy <see cref="HelpWidgetEmbedOptions.CorsPolicy"/>, the bearer scheme
    /// <see cref="HelpWidgetEmbedOptions.AuthenticationScheme"/> that reads the page's token, and a check of the origin of
    /// every request to the circuit's hub. The app calls <c>app.UseCors()</c> and serves static web assets
    /// (<c>app.MapStaticAssets()</c>), which bring <c>_framework/blazor.server.js</c>.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddHelpWidgetEmbed(this IHelpWidgetBuilder builder, Action<HelpWidgetEmbedOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<HelpWidgetEmbedOptions>()
            .Validate(
                o => o.Issuers.All(i => Uri.TryCreate(i.Issuer, UriKind.Absolute, out _) && EmbedTokenValidation.KeyFrom(i.SigningKey) is not null),
                "HelpWidget embed: each of Issuers needs an Issuer (the host's origin, such as https://intranet.example) and a SigningKey (Base64 of at least 32 bytes).")
            .Validate(
                o => o.MaxTokenLifetime >= TimeSpan.FromMinutes(1) && o.MaxTokenLifetime <= TimeSpan.FromHours(1),
                "HelpWidget embed: MaxTokenLifetime must be between 00:01:00 and 01:00:00.")
            .Validate(
                o => o.MaxTokenLength is >= 256 and <= 16_384,
                "HelpWidget embed: MaxTokenLength must be between 256 and 16384.")
            .Validate(
                o => o.Audience is null || Uri.TryCreate(o.Audience, UriKind.Absolute, out _),
                "HelpWidget embed: Audience must be the help server's origin, such as https://help.example.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.AddHelpWidgetApi();
        if (services.Any(d => d.ServiceType == typeof(EmbedMarker)))
        {
            return builder;
        }

        services.TryAddSingleton<EmbedMarker>();
        services.AddServerSideBlazor(o => o.RootComponents.RegisterForJavaScript<HelpEmbed>(HelpEmbed.JavaScriptName, HelpEmbed.JavaScriptInitializer));
        services.AddOptions<CorsOptions>().Configure<IOptions<HelpWidgetApiOptions>>((cors, api) =>
            cors.AddPolicy(HelpWidgetEmbedOptions.CorsPolicy, policy => policy
                .WithOrigins([.. api.Value.AllowedOrigins.Select(o => o.TrimEnd('/'))])
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                // SignalR's own headers (X-Requested-With, X-SignalR-User-Agent) and the token; never cookies.
                .AllowAnyHeader()));
        services.AddAuthentication().AddJwtBearer(HelpWidgetEmbedOptions.AuthenticationScheme, _ => { });
        services.AddOptions<JwtBearerOptions>(HelpWidgetEmbedOptions.AuthenticationScheme)
            .Configure<IOptions<HelpWidgetEmbedOptions>>((jwt, embed) => EmbedTokenValidation.Configure(jwt, embed.Value));
        services.AddAuthorization(o => o.AddPolicy(HubPolicy, policy => policy
            .AddAuthenticationSchemes(HelpWidgetEmbedOptions.AuthenticationScheme)
            .RequireAssertion(_ => true)));
        services.AddSingleton<EmbedOrigins>();
        services.AddSingleton<IStartupFilter>(provider => provider.GetRequiredService<EmbedOrigins>());
        return builder;
    }

    internal sealed class EmbedMarker;
}
