namespace HelpWidget.Components;

/// <summary>The colours the widget uses.</summary>
public enum HelpTheme
{
    /// <summary>
    /// Light or dark, following the user's operating system setting (<c>prefers-color-scheme</c>) whatever the page
    /// declares: for apps whose own design follows the system too.
    /// </summary>
    Auto,

    /// <summary>Always the light colours.</summary>
    Light,

    /// <summary>Always the dark colours.</summary>
    Dark,

    /// <summary>
    /// Light or dark as the host page allows, the default: the widget takes the <c>color-scheme</c> that the page
    /// declares (in CSS, such as <c>:root { color-scheme: light dark; }</c>, or with
    /// <c>&lt;meta name="color-scheme"&gt;</c>). It is dark only where the page allows dark and the user's system
    /// prefers it, and light on a page that declares no <c>color-scheme</c>, so a light-only app never gets a dark panel.
    /// </summary>
    Page,
}
