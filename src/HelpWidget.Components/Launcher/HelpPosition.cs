namespace HelpWidget.Components;

/// <summary>The bottom corner of the window that holds the Help button and the panel.</summary>
public enum HelpPosition
{
    /// <summary>The end of the line: bottom right on left-to-right pages, bottom left on right-to-left pages.</summary>
    End,

    /// <summary>The start of the line: bottom left on left-to-right pages, bottom right on right-to-left pages.</summary>
    Start,
}
