using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>
/// The host-minted token an embedding page passes: a valid one makes its user the circuit's user; an expired, foreign,
/// forged, unsigned, oversize or garbled one is refused with a reason, and its page gets help as a guest.
/// </summary>
public sealed class EmbedTokenTests : IAsyncLifetime
{
    private EmbedServer _server = default!;

    public async ValueTask InitializeAsync() => _server = await EmbedServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ValidToken_MakesItsSubjectTheUser()
    {
        var identity = await _server.WhoAmIAsync(Mint("u-anna"));

        Assert.Equal("u-anna", identity.UserId);
        Assert.Null(identity.Refused);
    }

    [Fact]
    public async Task ValidToken_InTheQueryString_AsSignalRSendsItOverWebSockets_MakesItsSubjectTheUser()
    {
        var identity = await _server.WhoAmIAsync(Mint("u-anna"), inQuery: true);

        Assert.Equal("u-anna", identity.UserId);
    }

    [Fact]
    public async Task NoToken_IsAGuest_WithoutARefusal()
    {
        var identity = await _server.WhoAmIAsync(null);

        Assert.Null(identity.UserId);
        Assert.Null(identity.Refused);
    }

    [Fact]
    public async Task ExpiredToken_IsRefused()
    {
        var token = Mint("u-anna", time: new FixedTime(DateTimeOffset.UtcNow.AddHours(-1)));

        await AssertRefusedAsync(token, "expired");
    }

    [Fact]
    public async Task TokenForAnotherServer_IsRefused()
    {
        await AssertRefusedAsync(Mint("u-anna", audience: "https://other-help.example"), "meant for another server");
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_IsRefused()
    {
        var forged = Convert.ToBase64String("a key nobody gave the help server!!!"u8);

        await AssertRefusedAsync(Mint("u-anna", key: forged), "signature is not valid");
    }

    [Fact]
    public async Task TokenOfOneIssuerSignedWithAnotherIssuersKey_IsRefused()
    {
        // The portal's key is trusted, but only for tokens the portal issues.
        await AssertRefusedAsync(Mint("u-anna", key: EmbedServer.OtherSigningKey), "signature is not valid");
    }

    [Fact]
    public async Task TokenOfAnUnknownIssuer_IsRefused()
    {
        await AssertRefusedAsync(Mint("u-anna", issuer: "https://stranger.example"), "issuer");
    }

    [Fact]
    public async Task UnsignedToken_AlgNone_IsRefused()
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        var unsigned = Part("""{"alg":"none","typ":"JWT"}""") + "." + Part($$"""{"iss":"{{EmbedServer.Issuer}}","aud":"{{_server.Origin}}","sub":"u-admin","exp":{{exp}}}""") + ".";

        var identity = await _server.WhoAmIAsync(unsigned);

        Assert.Null(identity.UserId);
        Assert.NotNull(identity.Refused);
    }

    [Fact]
    public async Task TokenLivingLongerThanAllowed_IsRefused()
    {
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = EmbedServer.Issuer,
            Audience = _server.Origin,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(2),
            Subject = new ClaimsIdentity([new Claim("sub", "u-anna")]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(EmbedServer.SigningKey)), SecurityAlgorithms.HmacSha256),
        });

        await AssertRefusedAsync(token, "lives longer than 10 minutes");
    }

    [Fact]
    public async Task OversizeToken_IsRefused()
    {
        await AssertRefusedAsync(Mint("u-anna") + new string('A', 5000), "longer than 4096 characters");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.<script>alert(1)</script>.x")]
    [InlineData("../../etc/passwd")]
    public async Task GarbageToken_IsRefused(string token)
    {
        await AssertRefusedAsync(token, "not a valid signed token");
    }

    [Fact]
    public void Create_WithoutAUserId_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => HelpWidgetEmbedTokens.Create(Options(), new HelpUser { DisplayName = "No Id" }));

        Assert.Contains("HelpUser.Id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithAShortKey_Throws()
    {
        var options = Options();
        options.SigningKey = Convert.ToBase64String("short"u8);

        var error = Assert.Throws<ArgumentException>(() => HelpWidgetEmbedTokens.Create(options, new HelpUser { Id = "u-1" }));

        Assert.Contains("at least 32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LivingLongerThanTenMinutes_Throws()
    {
        var options = Options();
        options.Lifetime = TimeSpan.FromMinutes(11);

        Assert.Throws<ArgumentException>(() => HelpWidgetEmbedTokens.Create(options, new HelpUser { Id = "u-1" }));
    }

    [Fact]
    public async Task StartUp_WithAnIssuerWithoutAKey_FailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => EmbedServer.StartAsync(o => o.Issuers.Add(new HelpWidgetEmbedIssuer { Issuer = "https://x.example", SigningKey = "c2hvcnQ=" })));

        Assert.Contains("SigningKey", error.Message, StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(string token, string reason)
    {
        var identity = await _server.WhoAmIAsync(token);

        Assert.Null(identity.UserId);
        Assert.NotNull(identity.Refused);
        Assert.Contains(reason, identity.Refused, StringComparison.Ordinal);
    }

    private HelpWidgetEmbedTokenOptions Options(string? issuer = null, string? audience = null, string? key = null) => new()
    {
        Issuer = issuer ?? EmbedServer.Issuer,
        Audience = audience ?? _server.Origin,
        SigningKey = key ?? EmbedServer.SigningKey,
    };

    private string Mint(string userId, string? issuer = null, string? audience = null, string? key = null, TimeProvider? time = null) =>
        HelpWidgetEmbedTokens.Create(Options(issuer, audience, key), new HelpUser { Id = userId, DisplayName = "Anna Berg" }, time);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
