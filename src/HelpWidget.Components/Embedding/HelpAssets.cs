using Microsoft.AspNetCore.Components;

namespace HelpWidget.Components;

/// <summary>
/// Where the components' own files (<c>_content/HelpWidget.Components/…</c>) are served from. In an app's own pages
/// they resolve against the page, as every static web asset does; where the widget is embedded in a page of another
/// origin, the embedding root cascades the help server's address so the files still come from the help server.
/// </summary>
internal sealed class HelpAssets
{
    private const string ContentRoot = "_content/HelpWidget.Components/";

    /// <summary>Files resolved against the page, as in the app's own pages.</summary>
    public static readonly HelpAssets Relative = new(null);

    /// <summary>Initializes a new instance of the <see cref="HelpAssets"/> class.</summary>
    /// <param name="baseAddress">The absolute address the files are served under, or <see langword="null"/> for the page's own.</param>
    /// <exception cref="ArgumentException"><paramref name="baseAddress"/> is not an absolute http(s) address.</exception>
    /// <param name="pageBase">Where the host page's routes count from, when embedded; <see langword="null"/> for the app's own base.</param>
    public HelpAssets(Uri? baseAddress, Uri? pageBase = null)
    {
        if (baseAddress is not null && (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException("The address of the components' files must be an absolute http or https address.", nameof(baseAddress));
        }

        PageBase = pageBase;
        BaseAddress = baseAddress is null || baseAddress.AbsolutePath.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }

    /// <summary>Gets the absolute address the files are served under, or <see langword="null"/> when they resolve against the page.</summary>
    public Uri? BaseAddress { get; }

    /// <summary>Gets where the host page's routes count from when embedded, or <see langword="null"/> for the app's own base.</summary>
    public Uri? PageBase { get; }

    /// <summary>The current page's route, such as <c>/expenses/new</c>: relative to the app's base, or to the host page's when embedded.</summary>
    /// <param name="navigation">The navigation manager of the circuit or app.</param>
    /// <returns>The route, starting with <c>/</c>, without query or fragment.</returns>
    public string Route(NavigationManager navigation)
    {
        if (PageBase is null)
        {
            return navigation.CurrentRoute();
        }

        var page = new Uri(navigation.Uri);
        var root = PageBase.GetLeftPart(UriPartial.Path);
        var path = page.GetLeftPart(UriPartial.Path);
        var relative = path.StartsWith(root, StringComparison.Ordinal) ? path[root.Length..] : page.AbsolutePath.TrimStart('/');
        return "/" + relative;
    }

    /// <summary>Gets the address of one of the components' files.</summary>
    /// <param name="path">The file's path inside the package's content, such as <c>Launcher/HelpLauncher.razor.js</c>.</param>
    /// <returns>A page-relative path, or an absolute address on the help server.</returns>
    public string Resolve(string path) => BaseAddress is null
        ? "./" + ContentRoot + path
        : new Uri(BaseAddress, ContentRoot + path).AbsoluteUri;
}
