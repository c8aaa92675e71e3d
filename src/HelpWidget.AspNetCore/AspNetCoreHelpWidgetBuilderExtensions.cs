using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore;

/// <summary>Adds the services of the HelpWidget HTTP API to HelpWidget.</summary>
public static class AspNetCoreHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Adds what <see cref="HelpWidgetApiEndpointRouteBuilderExtensions.MapHelpWidgetApi"/> needs: its options
    /// (validated at start), ProblemDetails, the source-generated JSON contract, the rate-limiting policies
    /// <see cref="HelpWidgetApiRateLimitPolicies.Search"/>, <see cref="HelpWidgetApiRateLimitPolicies.Feedback"/>,
    /// <see cref="HelpWidgetApiRateLimitPolicies.Tickets"/> and <see cref="HelpWidgetApiRateLimitPolicies.Events"/>, and the CORS policy <see cref="HelpWidgetApiCorsPolicy.Name"/>.
    /// The app calls <c>app.UseRateLimiter()</c> (after authentication, so limits are per signed-in user) for the
    /// limits to apply, and <c>app.UseCors()</c> when pages of <see cref="HelpWidgetApiOptions.AllowedOrigins"/> call the API.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddHelpWidgetApi(this IHelpWidgetBuilder builder, Action<HelpWidgetApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptionsWithValidateOnStart<HelpWidgetApiOptions>()
            .ValidateDataAnnotations()
            .Validate(
                o => o.AllowedOrigins.All(IsOrigin),
                "HelpWidget API: each of AllowedOrigins must be an origin such as https://intranet.example (scheme, host and optional port; no path, no '*').")
            .Validate(
                o => o.RateLimitWindow >= TimeSpan.FromSeconds(1) && o.RateLimitWindow <= TimeSpan.FromHours(1),
                "HelpWidget API: RateLimitWindow must be between 00:00:01 and 01:00:00.");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Rate-limiting policies can be added once only: a second call adds its configuration and nothing else.
        if (services.Any(d => d.ServiceType == typeof(ApiMarker)))
        {
            return builder;
        }

        services.TryAddSingleton<ApiMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HelpWidgetApiJsonContext.Default));
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<HelpWidgetApiOptions>>((cors, api) =>
            cors.AddPolicy(HelpWidgetApiCorsPolicy.Name, policy => policy
                .WithOrigins([.. api.Value.AllowedOrigins.Select(o => o.TrimEnd('/'))])
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                // Authorization: a WebAssembly app on another origin sends its user's bearer token (HelpWidget.Http).
                .WithHeaders("Content-Type", "Accept-Language", "Authorization")
                .AllowCredentials()));
        services.AddRateLimiter(o =>
        {
            o.AddPolicy<string, SearchRateLimitPolicy>(HelpWidgetApiRateLimitPolicies.Search);
            o.AddPolicy<string, FeedbackRateLimitPolicy>(HelpWidgetApiRateLimitPolicies.Feedback);
            o.AddPolicy<string, TicketRateLimitPolicy>(HelpWidgetApiRateLimitPolicies.Tickets);
            o.AddPolicy<string, EventRateLimitPolicy>(HelpWidgetApiRateLimitPolicies.Events);
        });
        return builder;
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin.TrimEnd('/'), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
        && !origin.Contains('*', StringComparison.Ordinal);

    internal sealed class ApiMarker;
}
