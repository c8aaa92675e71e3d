using Microsoft.AspNetCore.Http;

namespace HelpWidget.AspNetCore;

/// <summary>
/// The help context a page declares (<c>&lt;help-context&gt;</c>), kept with the request until the layout's
/// <c>&lt;help-widget&gt;</c> writes it into the embed's tag. A page renders before its layout, so the page's
/// declaration is there in time; the first declaration of a request wins, so a layout's default yields to the page's.
/// </summary>
internal static class HelpPageContext
{
    private static readonly object s_key = new();

    /// <summary>Declares the request's topic unless one is already declared; returns whether this one was kept.</summary>
    public static bool Declare(HttpContext http, string topic) => http.Items.TryAdd(s_key, topic);

    /// <summary>Gets the request's declared topic; <see langword="null"/> when none is.</summary>
    public static string? Topic(HttpContext http) => http.Items.TryGetValue(s_key, out var topic) ? topic as string : null;
}
