extern alias RazorPagesHost;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RazorPagesHost::HelpWidget.Samples.RazorPages;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>
/// The tag helpers rendered by real Razor Pages and a real MVC view: the Razor Pages sample on Kestrel at 127.0.0.1,
/// asked over HTTP as a browser asks it.
/// </summary>
public sealed class TagHelperPagesTests : IAsyncDisposable
{
    private const string HelpServer = "http://127.0.0.1:5399";
    private readonly List<WebApplicationFactory<RazorPagesSample>> _factories = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RazorPage_ExpenseForm_HasTheEmbedWithItsContext_AndFieldHelpNextToItsFields()
    {
        using var client = Start();

        var html = await client.GetStringAsync(new Uri("/expenses/new", UriKind.Relative), Token);

        Assert.Contains($"<script src=\"{HelpServer}/helpwidget/embed.js\" async data-language=\"en\" data-topic=\"expenses\" data-contact-email=\"servicedesk@nordhav.example\"", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"button\" class=\"helpwidget-field-help\" data-helpwidget-article=\"expense-mileage\" aria-label=\"Help with Category\">", html, StringComparison.Ordinal);
        Assert.Contains("data-helpwidget-article=\"expense-missing-receipt\" aria-label=\"Help with Receipt\"", html, StringComparison.Ordinal);
        Assert.Single(AllOf(html, "helpwidget/embed.js"));
    }

    [Fact]
    public async Task MvcView_LeaveRequest_DeclaresItsContextThroughTheSharedLayout()
    {
        using var client = Start();

        var html = await client.GetStringAsync(new Uri("/leave", UriKind.Relative), Token);

        Assert.Contains("data-topic=\"leave\"", html, StringComparison.Ordinal);
        Assert.Contains("data-helpwidget-article=\"leave-vacation-request\" aria-label=\"Help with Leave type\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Leave request</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutADeclaredContext_LeavesTheContextToTheRoute()
    {
        using var client = Start();

        var html = await client.GetStringAsync(new Uri("/profile", UriKind.Relative), Token);

        Assert.Contains($"<script src=\"{HelpServer}/helpwidget/embed.js\" async", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-topic", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sv", "Hjälp med Kategori")]
    [InlineData("fi", "Ohje: Category")]
    public async Task Language_ChosenInThePicker_ReachesTheEmbedAndTheFieldHelp(string culture, string fieldHelp)
    {
        using var client = Start();

        // The picker sets the culture cookie and returns to the page.
        var html = await client.GetStringAsync(new Uri($"/culture/{culture}?returnUrl=/expenses/new", UriKind.Relative), Token);

        Assert.Contains($"data-language=\"{culture}\"", html, StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(fieldHelp)}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_AllowsTheHelpServerInItsContentSecurityPolicy_AndNothingInline()
    {
        using var client = Start();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Token);

        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"script-src 'self' {HelpServer};", policy, StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' {HelpServer} ws://127.0.0.1:5399;", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingServer_InDevelopment_ThePageSaysWhatToConfigure()
    {
        using var client = Start(server: "", environment: Environments.Development);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("HelpWidget:Server is not set", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingServer_InProduction_ThePageWorksWithoutTheButton()
    {
        using var client = Start(server: "", environment: Environments.Production);

        using var response = await client.GetAsync(new Uri("/expenses/new", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("<h1>New expense claim</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("embed.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public void BadServer_StopsTheAppAtStart_NamingTheSetting()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Start(server: "ftp://127.0.0.1:5399"));

        Assert.Contains("HelpWidget:Server must be the help server's absolute http or https address", failure.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }
    }

    private HttpClient Start(string server = HelpServer, string environment = "Development")
    {
        var factory = new WebApplicationFactory<RazorPagesSample>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("HelpWidget:Server", server);
        });
        _factories.Add(factory);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(address) };
    }

    private static IEnumerable<int> AllOf(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            yield return at;
        }
    }
}
