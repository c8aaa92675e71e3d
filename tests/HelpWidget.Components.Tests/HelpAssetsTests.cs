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

public sealed class HelpAssetsRouteTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5321/", "http://127.0.0.1:5321/expenses/new?x=1#help=a", "/expenses/new")]
    [InlineData("http://127.0.0.1:5321/", "http://127.0.0.1:5321/", "/")]
    [InlineData("https://intranet.example/app/", "https://intranet.example/app/expenses/new", "/expenses/new")]
    [InlineData("https://intranet.example/app/", "https://intranet.example/other/page", "/other/page")]
    public void Embedded_routes_count_from_the_host_pages_base(string pageBase, string page, string expected)
    {
        var assets = new HelpAssets(new Uri("http://127.0.0.1:5320/"), new Uri(pageBase));

        // A page without a base element has its own address as the document's base.
        Assert.Equal(expected, assets.Route(new PageNavigation(page, page)));
    }

    [Fact]
    public void Without_an_embedding_routes_count_from_the_apps_base()
    {
        Assert.Equal("/new", HelpAssets.Relative.Route(new PageNavigation("https://intranet.example/expenses/", "https://intranet.example/expenses/new")));
    }

    private sealed class PageNavigation : Microsoft.AspNetCore.Components.NavigationManager
    {
        public PageNavigation(string documentBase, string uri)
        {
            var baseUri = documentBase[..(documentBase.LastIndexOf('/') + 1)];
            Initialize(baseUri, uri);
        }
    }
}
