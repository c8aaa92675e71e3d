using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HelpWidget.Components.Tests;

/// <summary>A launcher rendered without an interactive render mode can never open: it says so in the log and, in Development, on the page.</summary>
public sealed class HelpLauncherRenderModeTests : HelpWidgetTestContext
{
    public HelpLauncherRenderModeTests()
        : base(builder => builder.Services.AddFakeLogging().AddSingleton<IHostEnvironment, TestHostEnvironment>())
    {
    }

    private FakeLogCollector Logs => Services.GetFakeLogCollector();

    [Fact]
    public void Render_Statically_LogsAWarningNamingThePageAndTheFix()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/orders/42?help-search=secret");

        var cut = Render<HelpLauncher>();

        var warning = Assert.Single(Logs.GetSnapshot(), r => r.Category == typeof(HelpLauncher).FullName);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("'/orders/42'", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", warning.Message, StringComparison.Ordinal);
        Assert.Contains("@rendermode=\"InteractiveServer\"", warning.Message, StringComparison.Ordinal);
        var button = cut.FindButton("Help");
        Assert.True(button.HasAttribute("disabled"));
        Assert.True(button.HasAttribute("data-hw-static"));
    }

    [Fact]
    public void Render_PrerenderingAnInteractiveLauncher_LogsNothingAndShowsNoNote()
    {
        Environment.EnvironmentName = Environments.Development;
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<HelpLauncher>(p => p.SetAssignedRenderMode(RenderMode.InteractiveServer));

        Assert.DoesNotContain(Logs.GetSnapshot(), r => r.Category == typeof(HelpLauncher).FullName);
        Assert.Empty(cut.FindAll("[role=note]"));
        var button = cut.FindButton("Help");
        Assert.True(button.HasAttribute("disabled"));
        Assert.False(button.HasAttribute("data-hw-static"));
    }

    [Fact]
    public void Render_Interactive_LogsNothingAndShowsNoNote()
    {
        Environment.EnvironmentName = Environments.Development;

        var cut = Render<HelpLauncher>();

        Assert.DoesNotContain(Logs.GetSnapshot(), r => r.Category == typeof(HelpLauncher).FullName);
        Assert.Empty(cut.FindAll("[role=note]"));
        Assert.False(cut.FindButton("Help").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_StaticallyInDevelopment_ShowsANoteThatDescribesTheButton()
    {
        Environment.EnvironmentName = Environments.Development;
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<HelpLauncher>();

        var note = cut.Find("[role=note]");
        Assert.Contains("interactive render mode", note.TextContent, StringComparison.Ordinal);
        Assert.Equal(note.Id, cut.FindButton("Help").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void Render_StaticallyInProduction_ShowsNoNote()
    {
        Environment.EnvironmentName = Environments.Production;
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<HelpLauncher>();

        Assert.Empty(cut.FindAll("[role=note]"));
        Assert.False(cut.FindButton("Help").HasAttribute("aria-describedby"));
        Assert.Single(Logs.GetSnapshot(), r => r.Category == typeof(HelpLauncher).FullName);
    }

    private TestHostEnvironment Environment => (TestHostEnvironment)Services.GetRequiredService<IHostEnvironment>();

    private sealed class TestHostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "Test app";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
