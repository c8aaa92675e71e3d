namespace HelpWidget.Components.Tests;

/// <summary>How a help link's address is read: <c>?help=</c> and <c>?help-search=</c>.</summary>
public sealed class QueryParameterTests
{
    [Theory]
    [InlineData("https://app.example/orders?help=vpn-connect", "vpn-connect")]
    [InlineData("https://app.example/?HELP=vpn", "vpn")]
    [InlineData("/orders?page=2&help=vpn&x", "vpn")]
    [InlineData("/?help=first&help=second", "first")]
    [InlineData("/?helpx=no&help=yes", "yes")]
    [InlineData("/?%68elp=decoded-name", "decoded-name")]
    [InlineData("/?help=vpn%20fails", "vpn fails")]
    [InlineData("/?help=vpn+fails", "vpn fails")]
    [InlineData("/?help=%E2%82%AC%20och%20%C3%A5", "€ och å")]
    [InlineData("/?help=100%25", "100%")]
    [InlineData("/?help=%ZZ", "%ZZ")]
    [InlineData("/?help=a=b", "a=b")]
    [InlineData("/?help=", "")]
    [InlineData("/?help=..%2F..%2Fetc%2Fpasswd", "../../etc/passwd")]
    [InlineData("/?help=%00%1B", "\0\u001b")]
    [InlineData("/?help=vpn#help=other", "vpn")]
    public void QueryParameter_Present_IsTheFirstDecodedValue(string uri, string expected) =>
        Assert.Equal(expected, NavigationManagerExtensions.QueryParameter(uri, HelpLauncher.ArticleParameter));

    [Theory]
    [InlineData("https://app.example/orders")]
    [InlineData("/?help")]
    [InlineData("/?helper=1")]
    [InlineData("/?")]
    [InlineData("/#section?help=vpn")]
    [InlineData("/?x=1#help=vpn")]
    [InlineData("")]
    public void QueryParameter_Absent_IsNull(string uri) =>
        Assert.Null(NavigationManagerExtensions.QueryParameter(uri, HelpLauncher.ArticleParameter));
}
