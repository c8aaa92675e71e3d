using System.Net.Http.Json;
using HelpWidget.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>
/// A help server with the one tag (<c>AddHelpWidgetEmbed</c>, <c>MapHelpWidgetEmbed</c>) on real Kestrel at 127.0.0.1,
/// trusting <see cref="Issuer"/>'s key, allowing pages of <see cref="AllowedOrigin"/>, and answering <c>GET /whoami</c> with
/// what the embed's scheme made of the request's token: the user's id, or why the token was refused.
/// </summary>
public sealed class EmbedServer : IAsyncDisposable
{
    public const string Issuer = "https://intranet.test.example";
    public const string OtherIssuer = "https://portal.test.example";
    public const string AllowedOrigin = "http://pages.test.example:8080";
    public static readonly string SigningKey = Convert.ToBase64String("an HMAC key for the embed's token tests!"u8);
    public static readonly string OtherSigningKey = Convert.ToBase64String("another host's key, which signs for it"u8);

    private readonly WebApplication _app;

    private EmbedServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public string Origin => Address.GetLeftPart(UriPartial.Authority);

    public HttpClient Client { get; }

    public static async Task<EmbedServer> StartAsync(Action<HelpWidgetEmbedOptions>? embed = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = typeof(EmbedServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHelpWidget()
            .AddHelpWidgetApi(o => o.AllowedOrigins.Add(AllowedOrigin))
            .AddHelpWidgetEmbed(o =>
            {
                o.Issuers.Add(new HelpWidgetEmbedIssuer { Issuer = Issuer, SigningKey = SigningKey });
                o.Issuers.Add(new HelpWidgetEmbedIssuer { Issuer = OtherIssuer, SigningKey = OtherSigningKey });
                embed?.Invoke(o);
            });
        var app = builder.Build();
        app.UseCors();
        app.MapHelpWidgetEmbed();
        app.MapGet("/whoami", async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync(HelpWidgetEmbedOptions.AuthenticationScheme);
            var principal = result.Principal;
            return TypedResults.Ok(new Identity(
                principal?.Identity?.IsAuthenticated == true ? HelpUser.FromClaims(principal).Id : null,
                principal?.FindFirst(HelpEmbed.TokenRefusedClaim)?.Value));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmbedServer(app, new Uri(address + "/"));
    }

    /// <summary>Asks <c>/whoami</c> with <paramref name="token"/> as a bearer token (or none).</summary>
    public async Task<Identity> WhoAmIAsync(string? token, bool inQuery = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, inQuery && token is not null ? "whoami?access_token=" + Uri.EscapeDataString(token) : "whoami");
        if (token is not null && !inQuery)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Identity>(TestContext.Current.CancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Identity(string? UserId, string? Refused);
}
