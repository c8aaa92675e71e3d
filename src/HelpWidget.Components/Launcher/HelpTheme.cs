namespace HelpWidget.Components;

/// <summary>The colours the widget uses.</summary>
public enum HelpTheme
{
    /// <summary>Light or dark, following the user's operating system setting (<c>prefers-color-scheme</c>).</summary>
    Auto,

    /// <summary>Always the light colours.</summary>
    Light,

    /// <summary>Always the dark colours.</summary>
    Dark,
}
