using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Components.Tests;

/// <summary>The launcher under a roll-out read from the app's configuration, changed while the page is open.</summary>
public sealed class LauncherRolloutTests : HelpWidgetTestContext
{
    private static readonly HelpUser s_pilot = new() { Id = "aino", Audiences = ["employee", "pilot"] };
    private static readonly HelpUser s_colleague = new() { Id = "magnus", Audiences = ["employee"] };

    private readonly IConfigurationRoot _configuration;

    public LauncherRolloutTests()
        : this(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HelpWidget:Rollout:Launcher:Audience"] = "Roles",
            ["HelpWidget:Rollout:Launcher:Roles:0"] = "pilot",
        }).Build())
    {
    }

    private LauncherRolloutTests(IConfigurationRoot configuration)
        : base(builder => builder.Services.AddSingleton<IConfiguration>(configuration))
    {
        _configuration = configuration;
    }

    [Fact]
    public void Render_UserInThePilot_ShowsTheHelpButton()
    {
        var cut = Render<HelpLauncher>(p => p.Add(l => l.User, s_pilot));

        Assert.True(cut.HasButton("Help"));
    }

    [Fact]
    public void Render_UserOutsideThePilot_NoHelpButtonAndNoShortcut()
    {
        var cut = Render<HelpLauncher>(p => p.Add(l => l.User, s_colleague));

        Assert.False(cut.HasButton("Help"));
        Assert.Single(cut.FindAll("[role=dialog][hidden]"));
        Assert.Empty(ShortcutModule.Invocations["init"]);
    }

    [Fact]
    public void FieldHelp_UserOutsideThePilot_StillOpensItsArticle()
    {
        Knowledge.OnGetArticle = r => r.ArticleId == "expense-mileage" ? Article("expense-mileage", "Claim mileage") : null;
        var launcher = Render<HelpLauncher>(p => p.Add(l => l.User, s_colleague));
        var help = Render<HelpFieldHelp>(p => p.Add(h => h.ArticleId, "expense-mileage").Add(h => h.Label, "Category"));

        help.FindButton("Help with Category").Click();

        launcher.WaitForAssertion(() => Assert.Equal("Claim mileage", launcher.Find("article h2, article h3").TextContent.Trim()));
        Assert.False(launcher.HasButton("Help"));
    }

    [Fact]
    public void Link_UserOutsideThePilot_StillOpensTheArticle()
    {
        Knowledge.OnGetArticle = r => r.ArticleId == "vpn-connect" ? Article("vpn-connect", "Connect to the VPN") : null;
        Services.GetRequiredService<NavigationManager>().NavigateTo("leave?help=vpn-connect");

        var cut = Render<HelpLauncher>(p => p.Add(l => l.User, s_colleague));

        Assert.Equal("Connect to the VPN", cut.Find("article h3").TextContent);
        Assert.False(cut.HasButton("Help"));
    }

    [Fact]
    public void SettingsChanged_ButtonAppearsAndGoesWithoutARenderFromOutside()
    {
        var cut = Render<HelpLauncher>(p => p.Add(l => l.User, s_colleague));
        Assert.False(cut.HasButton("Help"));

        _configuration["HelpWidget:Rollout:Launcher:Roles:1"] = "employee";
        _configuration.Reload();

        cut.WaitForAssertion(() => Assert.True(cut.HasButton("Help")));
        cut.WaitForAssertion(() => Assert.Single(ShortcutModule.Invocations["init"]));

        _configuration["HelpWidget:Rollout:Launcher:Roles:1"] = "manager";
        _configuration.Reload();

        cut.WaitForAssertion(() => Assert.False(cut.HasButton("Help")));
        cut.WaitForAssertion(() => Assert.Single(ShortcutModule.Invocations["dispose"]));
    }

    [Fact]
    public void Navigation_RouteOutsideTheRollout_HidesTheButtonAndBackShowsIt()
    {
        _configuration["HelpWidget:Rollout:Launcher:Audience"] = "Everyone";
        _configuration["HelpWidget:Rollout:Launcher:Routes:0"] = "/expenses";
        _configuration.Reload();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("expenses/new");
        var cut = Render<HelpLauncher>(p => p.Add(l => l.User, s_colleague));
        Assert.True(cut.HasButton("Help"));

        navigation.NavigateTo("profile");
        cut.WaitForAssertion(() => Assert.False(cut.HasButton("Help")));

        navigation.NavigateTo("expenses?tab=2");
        cut.WaitForAssertion(() => Assert.True(cut.HasButton("Help")));
    }

    [Fact]
    public void Render_NoUserParameter_TheSignedInUsersRolesDecide()
    {
        var aino = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "aino"), new Claim(ClaimTypes.Role, "Pilot")], "test"));

        var cut = Render<HelpLauncher>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(aino))));

        Assert.True(cut.HasButton("Help"));
    }

    [Fact]
    public void Render_Anonymous_OutsideARolesPilot()
    {
        var cut = Render<HelpLauncher>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())))));

        Assert.False(cut.HasButton("Help"));
    }

    [Fact]
    public async Task Dispose_ThenSettingsChanged_NothingRendersOrFails()
    {
        var cut = Render<HelpLauncher>(p => p.Add(l => l.User, s_colleague));
        var renders = cut.RenderCount;

        await DisposeComponentsAsync();
        _configuration["HelpWidget:Rollout:Launcher:Audience"] = "Everyone";
        _configuration.Reload();

        Assert.Equal(renders, cut.RenderCount);
    }
}
