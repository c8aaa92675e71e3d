using HelpWidget.Components;

namespace HelpWidget.Components.Tests;

public sealed class HelpAssetsTests
{
    [Fact]
    public void Relative_assets_resolve_against_the_page()
    {
        Assert.Equal("./_content/HelpWidget.Components/Launcher/HelpLauncher.razor.js", HelpAssets.Relative.Resolve("Launcher/HelpLauncher.razor.js"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5320", "http://127.0.0.1:5320/_content/HelpWidget.Components/Launcher/HelpLauncher.razor.js")]
    [InlineData("https://help.example/", "https://help.example/_content/HelpWidget.Components/Launcher/HelpLauncher.razor.js")]
    [InlineData("https://example.com/help", "https://example.com/help/_content/HelpWidget.Components/Launcher/HelpLauncher.razor.js")]
    public void Embedded_assets_resolve_against_the_help_server(string server, string expected)
    {
        Assert.Equal(expected, new HelpAssets(new Uri(server)).Resolve("Launcher/HelpLauncher.razor.js"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    public void Other_schemes_are_refused(string address)
    {
        Assert.Throws<ArgumentException>(() => new HelpAssets(new Uri(address)));
    }

    [Fact]
    public void A_relative_address_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new HelpAssets(new Uri("/help", UriKind.Relative)));
    }
}
