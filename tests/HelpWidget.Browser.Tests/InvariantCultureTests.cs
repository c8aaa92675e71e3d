using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The sample as an app in a container with <c>LANG=C.UTF-8</c> that sets no default culture: the standard request
/// localization middleware (cultures en, sv, nb, da, fi) leaves a request that asks for none of them in the invariant
/// culture. Real Chromium on 127.0.0.1.
/// </summary>
public sealed class InvariantCultureTests(InvariantCultureTests.InvariantCultureApp app) : IClassFixture<InvariantCultureTests.InvariantCultureApp>
{
    [Fact]
    public async Task Widget_RequestInTheInvariantCulture_ShowsEnglishArticlesWithoutNoticeAndRecordsEnglish()
    {
        // Chromium always sends Accept-Language; a language the app does not support leaves the request in the default
        // request culture, exactly as a request without the header does.
        await using var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var launcher = page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });
        await Expect(launcher).ToBeEnabledAsync();
        await launcher.ClickAsync();
        var panel = page.GetByRole(AriaRole.Dialog, new() { Name = "Help" });
        await panel.GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" }).FillAsync("vpn");
        await panel.GetByRole(AriaRole.List, new() { Name = "Search results" })
            .GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN when working remotely" }).ClickAsync();

        var article = panel.GetByRole(AriaRole.Article);
        await Expect(article.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync();
        await Expect(article).ToHaveAttributeAsync("lang", "en");
        await Expect(article).Not.ToContainTextAsync("not yet available in your language");

        await panel.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Contact support" }).ClickAsync();
        await panel.GetByText("What will be sent with your message").ClickAsync();
        Assert.Equal("en", await PreviewValueAsync(panel, "Language"));
    }

    [Fact]
    public async Task Widget_AcceptLanguageSwedish_ShowsSwedishTextsAndArticlesAndRecordsSwedish()
    {
        await using var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "sv-SE" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var launcher = page.GetByRole(AriaRole.Button, new() { Name = "Hjälp", Exact = true });
        await Expect(launcher).ToBeEnabledAsync();
        await launcher.ClickAsync();
        var panel = page.GetByRole(AriaRole.Dialog, new() { Name = "Hjälp" });
        await panel.GetByRole(AriaRole.Searchbox, new() { Name = "Sök bland hjälpartiklar" }).FillAsync("vpn");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Anslut till VPN när du jobbar på distans" }).ClickAsync();

        var article = panel.GetByRole(AriaRole.Article);
        await Expect(article.GetByRole(AriaRole.Heading, new() { Name = "Anslut till VPN när du jobbar på distans", Level = 3 })).ToBeVisibleAsync();
        await Expect(article).ToHaveAttributeAsync("lang", "sv");
        await Expect(article.Locator(".hw-article-notice")).ToHaveCountAsync(0);

        await panel.GetByRole(AriaRole.Button, new() { Name = "Tillbaka" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Kontakta supporten" }).ClickAsync();
        await panel.GetByText("Det här skickas med ditt meddelande").ClickAsync();
        Assert.Equal("sv", await PreviewValueAsync(panel, "Språk"));
    }

    private static async Task<string> PreviewValueAsync(ILocator panel, string name)
    {
        var preview = panel.Locator("details.hw-preview dl");
        await Expect(preview.Locator("dt", new() { HasTextString = name })).ToBeVisibleAsync();
        var names = await preview.Locator("dt").AllTextContentsAsync();
        var values = await preview.Locator("dd").AllTextContentsAsync();
        return values[names.ToList().IndexOf(name)].Trim();
    }

    /// <summary>The sample on real Kestrel at 127.0.0.1, whose request localization has the invariant culture as its default.</summary>
    public sealed class InvariantCultureApp : SampleAppFixture
    {
        // What the middleware's options default to in a process whose culture is invariant, when the app lists its
        // cultures but sets no default one.
        protected override void ConfigureHost(IWebHostBuilder builder) =>
            builder.ConfigureServices(services => services.PostConfigure<RequestLocalizationOptions>(options =>
                options.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture)));
    }
}
