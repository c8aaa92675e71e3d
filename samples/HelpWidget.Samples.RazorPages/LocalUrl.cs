namespace HelpWidget.Samples.RazorPages;

/// <summary>Where to return after the language picker, a sign-in or a sign-out: a local address only, otherwise the start page.</summary>
internal static class LocalUrl
{
    public static string OrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
