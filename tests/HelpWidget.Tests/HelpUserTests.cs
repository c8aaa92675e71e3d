using System.Security.Claims;

namespace HelpWidget.Tests;

public sealed class HelpUserTests
{
    [Fact]
    public void FromClaims_ReadsIdNameEmailAndRoles()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim("sub", "u-42"),
                new Claim("name", "Alex Lindqvist"),
                new Claim("preferred_username", "alex@nordhav.example"),
                new Claim(ClaimTypes.Role, "Manager"),
                new Claim("roles", "manager"),
                new Claim("roles", "finance"),
            ],
            authenticationType: "test"));

        var user = HelpUser.FromClaims(principal);

        Assert.Equal(("u-42", "Alex Lindqvist", "alex@nordhav.example"), (user.Id, user.DisplayName, user.Email));
        Assert.Equal(["Manager", "finance"], user.Audiences);
    }

    [Fact]
    public void FromClaims_NotSignedIn_IsAnonymous()
    {
        Assert.Same(HelpUser.Anonymous, HelpUser.FromClaims(new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "x")]))));
    }

    [Theory]
    [InlineData("alex@nordhav.example\r\nBcc: all@nordhav.example")]
    [InlineData("not-an-address")]
    [InlineData("<script>@x.example")]
    public void FromClaims_HostileOrInvalidEmail_IsLeftOut(string email)
    {
        var user = HelpUser.FromClaims(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Email, email), new Claim(ClaimTypes.Name, "A\u0000B")], "test")));

        Assert.Null(user.Email);
        Assert.Null(user.DisplayName);
    }

    [Fact]
    public void FromClaims_IdentityWithOwnClaimTypes_ReadsNameAndRolesFromThem()
    {
        var identity = new ClaimsIdentity(
            [new Claim("employeeId", "e-7"), new Claim("displayName", "Aino Virtanen"), new Claim("groups", "support-manager")],
            authenticationType: "test",
            nameType: "displayName",
            roleType: "groups");

        var user = HelpUser.FromClaims(new ClaimsPrincipal(identity));

        Assert.Equal("Aino Virtanen", user.DisplayName);
        Assert.Equal(["support-manager"], user.Audiences);
    }
}
