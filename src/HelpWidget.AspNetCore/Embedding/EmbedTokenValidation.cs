using System.Security.Claims;
using HelpWidget.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HelpWidget.AspNetCore;

/// <summary>
/// How the embed's bearer scheme checks a page's token: signed (HMAC-SHA256) by a configured issuer with that issuer's
/// key, for this help server, not expired and not longer-lived than allowed. A refused token is not an error for the
/// page: its user gets help as a guest, marked with <see cref="HelpEmbed.TokenRefusedClaim"/> saying why.
/// </summary>
internal static class EmbedTokenValidation
{
    public static SymmetricSecurityKey? KeyFrom(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), bytes, out var length) && length >= 32 ? new SymmetricSecurityKey(bytes[..length]) : null;
    }

    public static void Configure(JwtBearerOptions jwt, HelpWidgetEmbedOptions embed)
    {
        var keys = embed.Issuers
            .Where(issuer => !string.IsNullOrWhiteSpace(issuer.Issuer))
            .Select(issuer => (Issuer: issuer.Issuer.TrimEnd('/'), Key: KeyFrom(issuer.SigningKey)))
            .Where(issuer => issuer.Key is not null)
            .ToDictionary(issuer => issuer.Issuer, issuer => issuer.Key!, StringComparer.Ordinal);
        jwt.MapInboundClaims = false;
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(new JsonWebTokenHandler { MapInboundClaims = false, MaximumTokenSizeInBytes = embed.MaxTokenLength });
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = [.. keys.Keys],
            ValidateIssuerSigningKey = true,

            // Each issuer's key signs for that issuer only: a host cannot mint tokens that claim to come from another.
            IssuerSigningKeyResolver = (_, token, _, _) => token is JsonWebToken { Issuer: { } issuer } && keys.TryGetValue(issuer.TrimEnd('/'), out var key) ? [key] : [],
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),

            // The audience is checked when the token is validated, against the request's own origin unless configured.
            ValidateAudience = false,
            NameClaimType = "name",
            RoleClaimType = "role",
            AuthenticationType = HelpWidgetEmbedOptions.AuthenticationScheme,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                // WebSockets cannot carry headers from a browser: SignalR sends the token in the query string instead.
                if (string.IsNullOrEmpty(context.Token) && context.Request.Query["access_token"] is [{ } fromQuery])
                {
                    context.Token = fromQuery;
                }

                var token = context.Token ?? BearerFrom(context.Request);
                if (token is { Length: > 0 } && token.Length > embed.MaxTokenLength)
                {
                    Refuse(context, $"the token is longer than {embed.MaxTokenLength} characters");
                }
                else if (token is { Length: > 0 } && IssuerOf(token) is { } issuer && !keys.ContainsKey(issuer.TrimEnd('/')))
                {
                    // Said before the signature is checked: with no key for it, the signature could only be "not valid".
                    Refuse(context, "the token's issuer is not in HelpWidget:Embed:Issuers");
                }

                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                Refuse(context, Reason(context.Exception));
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                var token = context.SecurityToken as JsonWebToken;
                var audience = embed.Audience?.TrimEnd('/') ?? context.Request.Scheme + "://" + context.Request.Host.Value;
                if (token is null || !token.Audiences.Any(a => string.Equals(a.TrimEnd('/'), audience, StringComparison.OrdinalIgnoreCase)))
                {
                    Refuse(context, $"the token is meant for another server (its audience must be {audience})");
                }
                else if (token.ValidTo - (token.ValidFrom == DateTime.MinValue ? token.IssuedAt : token.ValidFrom) > embed.MaxTokenLifetime)
                {
                    Refuse(context, $"the token lives longer than {embed.MaxTokenLifetime.TotalMinutes:0} minutes");
                }
                else if (context.Principal?.FindFirst("sub") is null)
                {
                    Refuse(context, "the token names no user (sub)");
                }

                return Task.CompletedTask;
            },
        };
    }

    private static string? IssuerOf(string token)
    {
        try
        {
            return new JsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            // Not a token at all: the handler refuses it with its own reason.
            return null;
        }
    }

    private static string? BearerFrom(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;

    private static string Reason(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidIssuerException => "the token's issuer is not in HelpWidget:Embed:Issuers",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature is not valid",
        SecurityTokenInvalidAlgorithmException => "the token is not signed with HS256",
        SecurityTokenNoExpirationException => "the token has no expiry",
        _ => "the token is not a valid signed token",
    };

    private static void Refuse<TOptions>(ResultContext<TOptions> context, string reason)
        where TOptions : AuthenticationSchemeOptions
    {
        Log.EmbedTokenRefused(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EmbedTokenValidation)), reason);
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(HelpEmbed.TokenRefusedClaim, reason)]));
        context.Success();
    }
}
