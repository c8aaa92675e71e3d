using Bunit;

namespace HelpWidget.Components.Tests;

public sealed class HelpLauncherOptionsTests() : HelpWidgetTestContext(builder => builder.ConfigureLauncher(o =>
{
    o.Theme = HelpTheme.Dark;
    o.Position = HelpPosition.Start;
}))
{
    [Fact]
    public void Options_SetTheAppDefaults()
    {
        var cut = Render<HelpLauncher>();

        Assert.Equal("dark", cut.Find(".hw-root").GetAttribute("data-hw-theme"));
        Assert.Equal("start", cut.Find(".hw-root").GetAttribute("data-hw-position"));
    }

    [Fact]
    public void Parameters_OverrideTheOptions()
    {
        var cut = Render<HelpLauncher>(p => p.Add(l => l.Theme, HelpTheme.Light).Add(l => l.Position, HelpPosition.End));

        Assert.Equal("light", cut.Find(".hw-root").GetAttribute("data-hw-theme"));
        Assert.Equal("end", cut.Find(".hw-root").GetAttribute("data-hw-position"));
    }
}
