using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace HelpWidget.Components;

/// <summary>
/// The root component the help server's script tag (<c>/helpwidget/embed.js</c>) adds to a page of another origin when
/// the user first asks for help: the <see cref="HelpLauncher"/> and its panel, opened, with the components' files taken
/// from the help server. Registered for JavaScript by <c>AddHelpWidgetEmbed()</c>; an app does not place it itself.
/// </summary>
/// <remarks>
/// Its parameters are the script tag's attributes and the page's <c>HelpWidget.open()</c> calls, as JSON primitives.
/// The script handles the keyboard shortcut before the panel has loaded; once it has, the launcher's own module (imported
/// from the help server with CORS) sees the key already handled, and reports the user's time zone for tickets.
/// </remarks>
public sealed partial class HelpEmbed
{
    /// <summary>The name the component is registered for JavaScript under.</summary>
    public const string JavaScriptName = "helpwidget-embed";

    /// <summary>The global function the circuit calls once the component can be added: the script's readiness signal.</summary>
    public const string JavaScriptInitializer = "HelpWidget._ready";

    /// <summary>
    /// The claim a help server adds to the guest whose token it refused (expired, not signed by a trusted issuer, meant
    /// for another server); its value says why, and the component tells the page's console.
    /// </summary>
    public const string TokenRefusedClaim = "helpwidget_token_refused";

    /// <summary>The ticket context's entry naming the signed-in sender, as in tickets sent through the HTTP API.</summary>
    private const string SenderKey = "userId";

    /// <summary>The longest context key, article id or search the page may pass.</summary>
    private const int MaxValueLength = 200;

    private HelpAssets _assets = HelpAssets.Relative;
    private int _handledRequest = -1;
    private bool _tokenChecked;
    private System.Security.Claims.ClaimsPrincipal? _user;

    [Inject]
    private HelpSession Session { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <summary>Gets or sets the help server's origin, such as <c>https://help.example</c>; the components' files come from there.</summary>
    [Parameter]
    [EditorRequired]
    public string? Server { get; set; }

    /// <summary>Gets or sets the page's declared context keys, separated by commas, such as <c>expenses</c> (the tag's <c>data-topic</c>).</summary>
    [Parameter]
    public string? Topic { get; set; }

    /// <summary>Gets or sets the address the host page's routes count from: its base element's, or its origin's root.</summary>
    [Parameter]
    public string? PageBase { get; set; }

    /// <summary>Gets or sets the id of an article to open the panel on.</summary>
    [Parameter]
    public string? Article { get; set; }

    /// <summary>Gets or sets a search to open the panel on.</summary>
    [Parameter]
    public string? Search { get; set; }

    /// <summary>Gets or sets a value indicating whether the panel opens when the request is handled.</summary>
    [Parameter]
    public bool Open { get; set; }

    /// <summary>Gets or sets the bottom corner of the button and panel: <c>start</c> or <c>end</c> (the default).</summary>
    [Parameter]
    public string? Position { get; set; }

    /// <summary>
    /// Gets or sets the number of the page's request. The script counts its <c>HelpWidget.open()</c> calls; each new
    /// number carries out <see cref="Open"/>, <see cref="Article"/> and <see cref="Search"/> once.
    /// </summary>
    [Parameter]
    public int Request { get; set; }

    private string? ContextKeys => Limit(Topic);

    private HelpPosition LauncherPosition => string.Equals(Position, "start", StringComparison.OrdinalIgnoreCase) ? HelpPosition.Start : HelpPosition.End;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        if (Services.GetService(typeof(AuthenticationStateProvider)) is AuthenticationStateProvider provider)
        {
            _user = (await provider.GetAuthenticationStateAsync()).User;

            // A ticket names the signed-in sender as the help server's API does, so support knows who wrote it.
            if (HelpUser.FromClaims(_user).Id is { } id)
            {
                Session.Context.Values[SenderKey] = id;
            }
        }
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (!Uri.TryCreate(Server, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{nameof(HelpEmbed)}.{nameof(Server)} must be the help server's absolute http or https address.");
        }

        var pageBase = Uri.TryCreate(PageBase, UriKind.Absolute, out var page) && (page.Scheme == Uri.UriSchemeHttp || page.Scheme == Uri.UriSchemeHttps) ? page : null;
        if (_assets.BaseAddress is null || _assets.BaseAddress.GetLeftPart(UriPartial.Authority) != server.GetLeftPart(UriPartial.Authority) || _assets.PageBase != pageBase)
        {
            _assets = new HelpAssets(new Uri(server.GetLeftPart(UriPartial.Authority) + "/"), pageBase);
        }

        if (Request == _handledRequest)
        {
            return;
        }

        _handledRequest = Request;

        // Before the launcher starts, a request waits in the session; later the launcher carries it out at once.
        _ = (Limit(Article), Limit(Search)) switch
        {
            ({ } article, _) => Session.ShowArticleAsync(article),
            (null, { } search) => Session.SearchAsync(search),
            _ when Open => Session.OpenAsync(),
            _ => Task.CompletedTask,
        };
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_tokenChecked)
        {
            return;
        }

        _tokenChecked = true;
        if (_user?.FindFirst(TokenRefusedClaim)?.Value is { } reason)
        {
            // The page's developer sees why in the browser's console; the user gets help as anyone would.
            await JS.InvokeVoidAsync("console.warn", $"HelpWidget: the help server refused the page's sign-in token ({reason}); help is shown as to a guest.");
        }
    }

    private static string? Limit(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > MaxValueLength || value.Any(char.IsControl) ? null : value.Trim();
}
