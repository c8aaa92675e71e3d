using Microsoft.AspNetCore.Components;

namespace HelpWidget.Components;

internal static class NavigationManagerExtensions
{
    /// <summary>The path of the current page relative to the app's base, without query or fragment, such as <c>/expenses/new</c>.</summary>
    public static string CurrentRoute(this NavigationManager navigation)
    {
        var relative = navigation.ToBaseRelativePath(navigation.Uri);
        var end = relative.IndexOfAny(['?', '#']);
        return "/" + (end >= 0 ? relative[..end] : relative);
    }
}
