using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Http.Tests;

/// <summary>The code of <c>src/HelpWidget.Http/README.md</c> and the HTTP client section of <c>docs/api.md</c>, compiled.</summary>
internal static class ReadmeSnippets
{
    public static void QuickStart(IServiceCollection services)
    {
        services.AddHelpWidget()
            .AddHelpServer(new Uri("https://help.example"));
    }

    public static void WithOptions(IServiceCollection services)
    {
        services.AddHelpWidget()
            .AddHelpServer(options =>
            {
                options.Address = new Uri("https://help.example");
                options.ApiPath = "/helpwidget/api";                   // the prefix given to MapHelpWidgetApi()
                options.AttemptTimeout = TimeSpan.FromSeconds(5);      // then retry, or say help is offline
                options.MaxRetryAttempts = 2;
                options.CacheDuration = TimeSpan.FromHours(1);         // suggestions and articles kept for offline use
                options.MaxCacheEntries = 200;
            });
    }

    public static void Credentials(IServiceCollection services)
    {
        services.AddTransient<HelpServerCredentials>();
        services.AddHttpClient(HelpServerOptions.HttpClientName)
            .AddHttpMessageHandler<HelpServerCredentials>();
    }

    public static void Connectivity(IServiceProvider services)
    {
        var connectivity = services.GetRequiredService<IHelpConnectivity>();
        connectivity.Changed += (_, _) => Console.WriteLine(connectivity.IsOnline ? "Help is online." : "Help is offline.");
    }

    /// <summary>Gets a token for a user; the app's own sign-in provides it.</summary>
    public interface ITokenSource
    {
        ValueTask<string> GetTokenAsync(HelpUser? user, CancellationToken cancellationToken);
    }

    public sealed class HelpServerCredentials(ITokenSource tokens) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // The user of a search, suggestion, article or dismissal; none for tickets, feedback and announcement lists.
            request.Options.TryGetValue(HelpServerRequestOptions.User, out var user);
            var token = await tokens.GetTokenAsync(user, cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);   // set, not add: retries reuse the request
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
