using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>The one tag's tests against a help server with a pilot roll-out share one <see cref="EmbedRolloutFixture"/>.</summary>
[CollectionDefinition("embed-rollout")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "An xunit collection definition: the suffix names what it is, as xunit's own examples do.")]
public sealed class EmbedRolloutCollection : ICollectionFixture<EmbedRolloutFixture>;

/// <summary>
/// The one tag's help server with a pilot: the Help button for users with the role <c>pilot</c>, on <c>/expenses</c> and
/// below. Otherwise the same as <see cref="EmbedFixture"/>.
/// </summary>
public sealed class EmbedRolloutFixture : EmbedFixture
{
    /// <inheritdoc />
    protected override void ConfigureHelpServer(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("HelpWidget:Rollout:Launcher:Audience", "Roles");
        builder.UseSetting("HelpWidget:Rollout:Launcher:Roles:0", "pilot");
        builder.UseSetting("HelpWidget:Rollout:Launcher:Routes:0", "/expenses");
    }

    /// <summary>Mints a page's token for <paramref name="userId"/>, with <paramref name="role"/> as a role claim if given.</summary>
    public string MintToken(string userId, string? role) => AspNetCore.HelpWidgetEmbedTokens.Create(
        new AspNetCore.HelpWidgetEmbedTokenOptions
        {
            Issuer = TokenIssuer,
            Audience = HelpServerAddress.GetLeftPart(UriPartial.Authority),
            SigningKey = TokenSigningKey,
        },
        new HelpUser { Id = userId, DisplayName = "Rollout Test User", Audiences = role is null ? [] : [role] });
}

/// <summary>
/// On a page of another origin under the strict policy, the tag's placeholder button and its "?" shortcut follow the help
/// server's roll-out for the page's token user and route, while deep links keep opening their articles for everyone.
/// </summary>
[Collection("embed-rollout")]
public sealed class EmbedRolloutTests(EmbedRolloutFixture embed) : IAsyncLifetime
{
    private static readonly List<string> s_wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private readonly List<string> _requested = [];
    private IBrowserContext? _context;

    private IPage Page { get; set; } = default!;

    private ILocator Launcher => Page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });

    private ILocator Panel => Page.GetByRole(AriaRole.Dialog, new() { Name = "Help" });

    public async ValueTask InitializeAsync()
    {
        _context = await embed.Browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 860 } });
        _context.SetDefaultTimeout(30_000);
        Page = await _context.NewPageAsync();
        Page.Request += (_, request) => _requested.Add(request.Url);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    [Fact]
    public async Task UserOutsideThePilot_HasNoButtonNorShortcut_ButADeepLinkStillOpensItsArticle()
    {
        ServeSignedInPage("/expenses", "/outsider-token", embed.MintToken("u-magnus", "finance"));

        var answer = await GotoAndWaitForTheRolloutAsync("expenses");
        Assert.Equal("{\"launcher\":false}", await answer.TextAsync());
        await Page.Keyboard.PressAsync("?");

        // A round trip to the page after the key presses: a "?" the tag acted on would have asked the help server's status by now.
        Assert.Equal("complete", await Page.EvaluateAsync<string>("document.readyState"));
        await Expect(Launcher).ToHaveCountAsync(0);
        Assert.DoesNotContain(_requested, url => url.Contains("/helpwidget/embed/status", StringComparison.Ordinal));
        await AssertAccessibleAsync("outsider");

        ServeSignedInPage("/expenses/claims", "/outsider-token", embed.MintToken("u-magnus", "finance"));
        await Page.GotoAsync(new Uri(embed.PagesAddress, "expenses/claims#help=vpn-connect").ToString());
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = "Connect to the VPN when working remotely", Level = 3 })).ToBeVisibleAsync();
        await Expect(Launcher).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PilotUser_HasTheButtonOnAPilotRoute_AndNotElsewhere()
    {
        ServeSignedInPage("/expenses", "/pilot-token", embed.MintToken("u-aino", "pilot"));
        ServeSignedInPage("/leave", "/pilot-token", embed.MintToken("u-aino", "pilot"));

        var answer = await GotoAndWaitForTheRolloutAsync("expenses");
        Assert.Equal("{\"launcher\":true}", await answer.TextAsync());
        await Expect(Launcher).ToBeVisibleAsync();
        await AssertAccessibleAsync("pilot");
        await Launcher.ClickAsync();
        await Expect(Panel).ToBeVisibleAsync();

        answer = await GotoAndWaitForTheRolloutAsync("leave");
        Assert.Equal("{\"launcher\":false}", await answer.TextAsync());
        await Expect(Launcher).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Guest_OnAPilotRoute_HasNoButton()
    {
        embed.ServePage("/expenses/guest", EmbedJourneyTests.PageWith(embed.Snippet), EmbedFixture.StrictCsp(embed.HelpServerAddress));

        var answer = await GotoAndWaitForTheRolloutAsync("expenses/guest");

        Assert.Equal("{\"launcher\":false}", await answer.TextAsync());
        await Expect(Launcher).ToHaveCountAsync(0);
    }

    private void ServeSignedInPage(string path, string tokenPath, string token)
    {
        var tag = $"""<script src="{embed.HelpServerAddress.GetLeftPart(UriPartial.Authority)}/helpwidget/embed.js" data-token-url="{tokenPath}" async></script>""";
        var policy = EmbedFixture.StrictCsp(embed.HelpServerAddress).Replace("connect-src ", "connect-src 'self' ", StringComparison.Ordinal);
        embed.ServePage(path, EmbedJourneyTests.PageWith(tag), policy);
        embed.ServePage(tokenPath, token, null);
    }

    /// <summary>Opens a page and waits until the tag has the roll-out's answer and has acted on it.</summary>
    private async Task<IResponse> GotoAndWaitForTheRolloutAsync(string path)
    {
        var answer = await Page.RunAndWaitForResponseAsync(
            () => Page.GotoAsync(new Uri(embed.PagesAddress, path).ToString()),
            response => response.Url.Contains("/helpwidget/embed/launcher", StringComparison.Ordinal));
        await answer.FinishedAsync();

        // The answer is in the page; the tag acts on it in the tasks that follow, which have run once a new task has.
        await Page.EvaluateAsync("() => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve)))");
        return answer;
    }

    private async Task AssertAccessibleAsync(string state)
    {
        var result = await Page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = s_wcagTags } });
        var violations = result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}");
        Assert.True(result.Violations.Length == 0, $"axe found violations in state '{state}':\n{string.Join('\n', violations)}");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"embed-rollout-{state}.png") });
    }
}
