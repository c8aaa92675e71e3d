using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

public sealed class LanguageTests(SampleAppFixture app) : BrowserTest(app)
{
    [Theory]
    [InlineData("nb", "Hjelp", "Søk i hjelpen", "^[0-9]+ artik(kel|ler) funnet$", "Kontakt brukerstøtte")]
    [InlineData("da", "Hjælp", "Søg i hjælpen", "^[0-9]+ artik(el|ler) fundet$", "Kontakt support")]
    [InlineData("fi", "Ohje", "Hae ohjeista", "^[0-9]+ artikkel(i|ia) löytyi$", "Ota yhteyttä tukeen")]
    public async Task NordicUser_GetsTheWidgetInTheirLanguage_OnEnglishPages(string culture, string help, string searchLabel, string found, string contact)
    {
        await Page.GotoAsync($"/culture/{culture}?returnUrl=/leave");
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Language" }).Locator($"[hreflang={culture}]")).ToHaveAttributeAsync("aria-current", "true");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var launcher = Page.GetByRole(AriaRole.Button, new() { Name = help, Exact = true });
        await Expect(launcher).ToBeEnabledAsync();
        await Expect(Page.Locator(".hw-root")).ToHaveAttributeAsync("lang", culture);

        await launcher.ClickAsync();
        var panel = Page.GetByRole(AriaRole.Dialog, new() { Name = help });
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = help, Level = 2 })).ToBeVisibleAsync();
        await panel.GetByRole(AriaRole.Searchbox, new() { Name = searchLabel }).FillAsync("vpn");

        await Expect(panel.GetByRole(AriaRole.Status).First).ToHaveTextAsync(new Regex(found));
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = contact })).ToBeVisibleAsync();
        await AssertAccessibleAsync($"language-{culture}");
        AssertNoProblems();
    }
}
