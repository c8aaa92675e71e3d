using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Components.Tests;

/// <summary>A bUnit context with the real HelpWidget registration and fake backends.</summary>
public abstract class HelpWidgetTestContext : BunitContext
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    /// <param name="configure">Adds to the HelpWidget registration before any service is resolved.</param>
    protected HelpWidgetTestContext(Action<IHelpWidgetBuilder>? configure = null)
    {
        // English; a globalization-invariant process (InvariantProcessTests' child) knows only the invariant culture.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultures(CultureTypes.NeutralCultures).Any(c => c.Name == "en")
            ? CultureInfo.GetCultureInfo("en")
            : CultureInfo.InvariantCulture;
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<IKnowledgeProvider>(Knowledge);
        Services.AddSingleton<IHelpStore>(Store);
        Services.AddLogging();
        var builder = Services.AddHelpWidget(o => o.ApplicationName = "Test app");
        configure?.Invoke(builder);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        ShortcutModule = JSInterop.SetupModule(ShortcutModulePath);
        ShortcutModule.SetupModule("init", _ => true).SetupVoid("dispose").SetVoidResult();
        PanelStyles = ShortcutModule.Setup<bool>("loadPanelStyles", _ => true);
        PanelStyles.SetResult(true);
    }

    internal const string ShortcutModulePath = "./_content/HelpWidget.Components/Launcher/HelpLauncher.razor.js";

    internal BunitJSModuleInterop ShortcutModule { get; }

    /// <summary>The launcher's call that loads the panel's stylesheet: loaded at once unless a test says otherwise.</summary>
    internal JSRuntimeInvocationHandler<bool> PanelStyles { get; }

    internal FakeKnowledgeProvider Knowledge { get; } = new();

    internal FakeHelpStore Store { get; } = new();

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero));

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = _culture;
        base.Dispose(disposing);
    }

    internal static HelpArticle Article(string id, string title, string html = "<p>Body</p>") => new()
    {
        Id = id,
        Language = "en",
        Title = title,
        Summary = title + " summary",
        Html = html,
    };

    internal static SearchResults Hits(params (string Id, string Title)[] hits) => new()
    {
        Hits = [.. hits.Select(h => new ArticleHit { Id = h.Id, Language = "en", Title = h.Title, Summary = h.Title + " summary", SnippetHtml = $"about <mark>{h.Title}</mark>" })],
    };
}
