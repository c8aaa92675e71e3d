using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using HelpWidget.AspNetCore.TagHelpers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>
/// The token endpoint of a Razor Pages or MVC app (<c>MapHelpWidgetToken()</c>) on Kestrel: a signed-in user's
/// short-lived token for the help server, nothing for anyone else, and a start that stops without a usable key.
/// </summary>
public sealed class TagHelperTokenTests : IAsyncDisposable
{
    private static readonly string s_key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private WebApplication? _app;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_ForASignedInUser_IsSignedShortLivedAndNamesTheUser()
    {
        using var client = await StartAsync(options => options.Token.SigningKey = s_key);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/helpwidget/token");
        request.Headers.Add(HeaderAuthenticationHandler.UserHeader, "magnus.haugen");
        request.Headers.Add(HeaderAuthenticationHandler.RolesHeader, "employee, manager");

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(await response.Content.ReadAsStringAsync(Token), new TokenValidationParameters
        {
            ValidIssuer = origin,
            ValidAudience = "https://help.example",
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(s_key)),
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var token = (JsonWebToken)validation.SecurityToken;
        Assert.Equal("magnus.haugen", token.Subject);
        Assert.Equal(["employee", "manager"], token.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.InRange(token.ValidTo - token.IssuedAt, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Token_ForAnAnonymousCaller_Is401()
    {
        using var client = await StartAsync(options => options.Token.SigningKey = s_key);

        using var response = await client.GetAsync(new Uri("/helpwidget/token", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Token_WhenMapped_TheWidgetTagOffersItToSignedInUsers()
    {
        using var client = await StartAsync(options => options.Token.SigningKey = s_key);
        var services = _app!.Services.GetRequiredService<IServiceProvider>();
        var http = new DefaultHttpContext { RequestServices = services };
        http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "aino")], "Test"));
        var helper = new HelpWidgetTagHelper { ViewContext = new ViewContext { HttpContext = http } };
        var output = TagHelperPage.Output("help-widget");

        helper.Process(TagHelperPage.Context(), output);

        Assert.Contains("data-token-url=\"/helpwidget/token\"", output.Content.GetContent(), StringComparison.Ordinal);
    }

    [Fact]
    public void MapHelpWidgetToken_WithoutASigningKey_SaysWhichSettingIsMissing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddHelpWidgetTagHelpers(options => options.Server = new Uri("https://help.example"));
        using var app = builder.Build();

        var failure = Assert.Throws<InvalidOperationException>(() => app.MapHelpWidgetToken());

        Assert.Contains("HelpWidget:Token:SigningKey", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c2hvcnQ=", "00:05:00", "HelpWidget:Token:SigningKey must be Base64 of at least 32 bytes")]
    [InlineData("not base64!", "00:05:00", "HelpWidget:Token:SigningKey must be Base64 of at least 32 bytes")]
    [InlineData(null, "01:00:00", "HelpWidget:Token:Lifetime must be from 00:01:00 to 00:10:00")]
    public void Options_BadTokenSettings_StopTheAppAtStart(string? key, string lifetime, string rule)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddHelpWidgetTagHelpers(options =>
        {
            options.Token.SigningKey = key ?? s_key;
            options.Token.Lifetime = TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture);
        });
        using var app = builder.Build();

        var failure = Assert.Throws<OptionsValidationException>(() => app.StartAsync(Token).GetAwaiter().GetResult());

        Assert.Contains(rule, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(s_key, failure.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<HttpClient> StartAsync(Action<HelpWidgetTagHelperOptions> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
        builder.Services.AddHelpWidgetTagHelpers(options =>
        {
            options.Server = new Uri("https://help.example");
            configure(options);
        });
        _app = builder.Build();
        _app.UseAuthentication();
        _app.MapHelpWidgetToken();
        await _app.StartAsync(Token);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new HttpClient { BaseAddress = new Uri(address) };
    }
}
