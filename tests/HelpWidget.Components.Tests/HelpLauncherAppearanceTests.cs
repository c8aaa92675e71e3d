using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Components.Tests;

public sealed class HelpLauncherAppearanceTests : HelpWidgetTestContext
{
    [Fact]
    public void Render_ByDefault_FollowsThePagesColourSchemeAtTheEndCorner()
    {
        var cut = Render<HelpLauncher>();

        var root = cut.Find(".hw-root");
        Assert.Equal("page", root.GetAttribute("data-hw-theme"));
        Assert.Equal("end", root.GetAttribute("data-hw-position"));
    }

    [Theory]
    [InlineData(HelpTheme.Light, "light")]
    [InlineData(HelpTheme.Dark, "dark")]
    [InlineData(HelpTheme.Auto, "auto")]
    [InlineData(HelpTheme.Page, "page")]
    public void Theme_Parameter_IsRenderedForTheStyles(HelpTheme theme, string expected)
    {
        var cut = Render<HelpLauncher>(p => p.Add(l => l.Theme, theme));

        Assert.Equal(expected, cut.Find(".hw-root").GetAttribute("data-hw-theme"));
    }

    [Fact]
    public void Position_Start_IsRenderedForTheStyles()
    {
        var cut = Render<HelpLauncher>(p => p.Add(l => l.Position, HelpPosition.Start));

        Assert.Equal("start", cut.Find(".hw-root").GetAttribute("data-hw-position"));
    }

    [Fact]
    public void ThemingGuideExample_ForcesDarkAtTheStartCorner()
    {
        var cut = Render<ThemingExample>();

        var root = cut.Find(".hw-root");
        Assert.Equal("dark", root.GetAttribute("data-hw-theme"));
        Assert.Equal("start", root.GetAttribute("data-hw-position"));
    }

    [Fact]
    public void ThemingGuideOptions_SetTheDefaultsOfEveryLauncher()
    {
        var services = new ServiceCollection();

        services.AddHelpWidget()
            .ConfigureLauncher(options =>
            {
                options.Theme = HelpTheme.Dark;
                options.Position = HelpPosition.Start;
            });

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<HelpLauncherOptions>>().Value;
        Assert.Equal(HelpTheme.Dark, options.Theme);
        Assert.Equal(HelpPosition.Start, options.Position);
    }

    [Fact]
    public void Theme_NotAHelpTheme_FailsWithAMessageNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Render<HelpLauncher>(p => p.Add(l => l.Theme, (HelpTheme)7)));

        Assert.Equal("HelpLauncher.Theme is 7, which is not a HelpTheme.", error.Message);
    }

    [Fact]
    public void ConfigureLauncher_OptionOutOfRange_FailsValidation()
    {
        var services = new ServiceCollection();
        new TestBuilder(services).ConfigureLauncher(o => o.Position = (HelpPosition)5);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HelpLauncherOptions>>().Value);

        Assert.Contains(nameof(HelpLauncherOptions.Position), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("sv-SE", "sv")]
    [InlineData("nb-NO", "nb")]
    [InlineData("da-DK", "da")]
    [InlineData("fi-FI", "fi")]
    [InlineData("de-DE", "en")]
    public void Render_AnyCulture_MarksTheWidgetWithTheLanguageOfItsText(string culture, string language)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        var cut = Render<HelpLauncher>();

        Assert.Equal(language, cut.Find(".hw-root").GetAttribute("lang"));
    }

    [Fact]
    public void Render_StaticallyWithoutAHostEnvironment_ShowsNoNote()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<HelpLauncher>();

        Assert.Empty(cut.FindAll("[role=note]"));
        Assert.True(cut.FindButton("Help").HasAttribute("disabled"));
    }

    private sealed class TestBuilder(IServiceCollection services) : IHelpWidgetBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
