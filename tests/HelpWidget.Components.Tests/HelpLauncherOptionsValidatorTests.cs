using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Components.Tests;

public sealed class HelpLauncherOptionsValidatorTests
{
    [Theory]
    [InlineData(HelpTheme.Auto, HelpPosition.Start)]
    [InlineData(HelpTheme.Light, HelpPosition.End)]
    [InlineData(HelpTheme.Dark, HelpPosition.End)]
    [InlineData(HelpTheme.Page, HelpPosition.Start)]
    public void ConfigureLauncher_EveryThemeAndPosition_IsValid(HelpTheme theme, HelpPosition position) =>
        Assert.Empty(Failures(o => (o.Theme, o.Position) = (theme, position)));

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void ConfigureLauncher_ThemeNotAHelpTheme_FailsNamingTheValue(int theme) =>
        Assert.Equal($"Theme is {theme}, which is not a HelpTheme.", Assert.Single(Failures(o => o.Theme = (HelpTheme)theme)));

    [Theory]
    [InlineData(2)]
    [InlineData(int.MinValue)]
    public void ConfigureLauncher_PositionNotAHelpPosition_FailsNamingTheValue(int position) =>
        Assert.Equal($"Position is {position}, which is not a HelpPosition.", Assert.Single(Failures(o => o.Position = (HelpPosition)position)));

    [Fact]
    public void ConfigureLauncher_BothWrongAndCalledTwice_ReportsEachOnce()
    {
        var services = new ServiceCollection();
        services.AddHelpWidget().ConfigureLauncher(o => o.Theme = (HelpTheme)9).ConfigureLauncher(o => o.Position = (HelpPosition)9);

        Assert.Equal(["Theme is 9, which is not a HelpTheme.", "Position is 9, which is not a HelpPosition."], Failures(services));
    }

    private static IReadOnlyList<string> Failures(Action<HelpLauncherOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddHelpWidget().ConfigureLauncher(configure);
        return Failures(services);
    }

    private static IReadOnlyList<string> Failures(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<HelpLauncherOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException error)
        {
            return [.. error.Failures];
        }
    }
}
