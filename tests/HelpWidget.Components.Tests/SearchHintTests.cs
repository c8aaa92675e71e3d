using System.Globalization;
using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Components.Tests;

/// <summary>The hint under the search box names no topic of its own; an app sets hints true for its articles, per language.</summary>
public sealed class SearchHintTests
{
    public sealed class WithoutConfiguration : HelpWidgetTestContext
    {
        [Theory]
        [InlineData("en", "Help", "Search help articles", "Describe what you need help with, in your own words.")]
        [InlineData("sv-SE", "Hjälp", "Sök bland hjälpartiklar", "Beskriv med egna ord vad du behöver hjälp med.")]
        public void SearchHint_NotConfigured_DescribesHowToAskWithoutNamingATopic(string culture, string help, string search, string hint)
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var cut = Render<HelpLauncher>();
            cut.FindButton(help).Click();

            var box = cut.FindByLabel(search);

            Assert.Equal(hint, cut.Find($"#{box.GetAttribute("aria-describedby")}").TextContent);
            Assert.DoesNotContain("VPN", cut.Find(".hw-hint").TextContent, StringComparison.OrdinalIgnoreCase);
        }
    }

    public sealed class Configured() : HelpWidgetTestContext(builder => builder.ConfigurePanel(o =>
    {
        o.SearchHints["en"] = "For example: payslip, parking permit";
        o.SearchHints["SV"] = "Till exempel: lönespecifikation, parkeringstillstånd";
    }))
    {
        [Theory]
        [InlineData("en", "Help", "Search help articles", "For example: payslip, parking permit")]
        [InlineData("en-GB", "Help", "Search help articles", "For example: payslip, parking permit")]
        [InlineData("sv-FI", "Hjälp", "Sök bland hjälpartiklar", "Till exempel: lönespecifikation, parkeringstillstånd")]
        [InlineData("fi-FI", "Ohje", "Hae ohjeista", "Kuvaile omin sanoin, mihin tarvitset apua.")]
        public void SearchHint_Configured_IsTheAppsOwnInTheUsersLanguage_ElseTheDefault(string culture, string help, string search, string hint)
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var cut = Render<HelpLauncher>();
            cut.FindButton(help).Click();

            var box = cut.FindByLabel(search);

            Assert.Equal(hint, cut.Find($"#{box.GetAttribute("aria-describedby")}").TextContent);
        }
    }

    public sealed class Validation
    {
        /// <summary>Built in code and enumerated when the test runs: a lone surrogate survives neither an attribute nor the serialised data of a discovered test case.</summary>
        public static TheoryData<string, string, string> BadHints() => new()
        {
            { "en", "Press\u0007 here", "The search hint for 'en' contains a control character." },
            { "en", "Line one\nline two", "The search hint for 'en' contains a control character." },
            { "sv", "Till exempel: " + '\uD800', "The search hint for 'sv' is not valid Unicode text." },
            { "fi", '\uDC00' + " esimerkiksi", "The search hint for 'fi' is not valid Unicode text." },
            { "da", "  ", "The search hint for 'da' is empty." },
            { "nb", "<script>alert(1)</script>" + new string('x', HelpPanelOptions.MaxSearchHintLength), $"The search hint for 'nb' is {HelpPanelOptions.MaxSearchHintLength + 25} characters long; at most {HelpPanelOptions.MaxSearchHintLength} are shown." },
            { "en US", "For example", "SearchHints has the key 'en US', which is not a language tag such as 'en' or 'sv-FI'." },
        };

        [Theory]
        [MemberData(nameof(BadHints), DisableDiscoveryEnumeration = true)]
        public void ConfigurePanel_BadHint_FailsWithAMessageNamingTheLanguage(string language, string hint, string message)
        {
            using var services = Provider(o => o.SearchHints[language] = hint);

            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HelpPanelOptions>>().Value);

            Assert.Equal([message], error.Failures);
        }

        [Fact]
        public void ConfigurePanel_HintsWithinTheRules_AreAccepted()
        {
            using var services = Provider(o =>
            {
                o.SearchHints["en"] = "For example: <reset password>, VPN 🔐";
                o.SearchHints["sv-FI"] = new string('x', HelpPanelOptions.MaxSearchHintLength);
            });

            Assert.Equal(2, services.GetRequiredService<IOptions<HelpPanelOptions>>().Value.SearchHints.Count);
        }

        [Fact]
        public void ConfigurePanel_HintsFromConfiguration_AreBoundPerLanguage()
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Panel:SearchHints:en"] = "For example: payslip", ["Panel:SearchHints:sv"] = "Till exempel: lönebesked" })
                .Build();
            using var services = Provider(o => configuration.GetSection("Panel").Bind(o));

            var options = services.GetRequiredService<IOptions<HelpPanelOptions>>().Value;

            Assert.Equal("Till exempel: lönebesked", options.SearchHints["SV"]);
            Assert.Equal("For example: payslip", options.SearchHints["en"]);
        }

        private static ServiceProvider Provider(Action<HelpPanelOptions> configure)
        {
            var services = new ServiceCollection();
            services.AddHelpWidget().ConfigurePanel(configure);
            return services.BuildServiceProvider();
        }
    }
}
