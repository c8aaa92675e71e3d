using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HelpWidget.AspNetCore;

/// <summary>
/// Mints the short-lived token a host's backend gives its page (the tag's <c>data-token-url</c>), so the help server
/// knows the page's user: a JWT signed with HMAC-SHA256, <c>sub</c> the user's id and optional <c>name</c>,
/// <c>email</c> and <c>role</c> claims.
/// </summary>
public static class HelpWidgetEmbedTokens
{
    /// <summary>Creates a token for <paramref name="user"/>.</summary>
    /// <param name="options">The issuer, audience, key and lifetime.</param>
    /// <param name="user">The user; <see cref="HelpUser.Id"/> is required, and the audiences become <c>role</c> claims.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> uses <see cref="TimeProvider.System"/>.</param>
    /// <returns>The compact JWT.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="user"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is missing or out of range, or the user has no id.</exception>
    public static string Create(HelpWidgetEmbedTokenOptions options, HelpUser user, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            throw new ArgumentException("A HelpWidget embed token needs an Issuer (the host's origin) and an Audience (the help server's origin).", nameof(options));
        }

        if (options.Lifetime < TimeSpan.FromMinutes(1) || options.Lifetime > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"A HelpWidget embed token lives from 1 to 10 minutes; Lifetime is {options.Lifetime}.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(user.Id))
        {
            throw new ArgumentException("A HelpWidget embed token names its user: HelpUser.Id is required.", nameof(user));
        }

        var key = EmbedTokenValidation.KeyFrom(options.SigningKey)
            ?? throw new ArgumentException("SigningKey must be Base64 of at least 32 bytes.", nameof(options));
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new("sub", user.Id) };
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            claims.Add(new Claim("name", user.DisplayName));
        }

        if (!string.IsNullOrWhiteSpace(user.Email))
        {
            claims.Add(new Claim("email", user.Email));
        }

        claims.AddRange(user.Audiences.Select(audience => new Claim("role", audience)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience.TrimEnd('/'),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Lifetime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
