namespace HelpWidget;

/// <summary>
/// Tells the widget whether the knowledge behind it can be reached. A remote provider (such as the one in
/// <c>HelpWidget.Http</c>) registers it and reports what its calls find; the panel shows plainly that help is offline,
/// keeps what it has and offers the contact channels. Without a registration the widget is always online, as an
/// in-process engine is.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use and raise <see cref="Changed"/> only when <see cref="IsOnline"/> changes.</remarks>
public interface IHelpConnectivity
{
    /// <summary>Gets a value indicating whether the last call reached the knowledge and store behind the widget.</summary>
    bool IsOnline { get; }

    /// <summary>Occurs when <see cref="IsOnline"/> changed; it may be raised on any thread.</summary>
    event EventHandler? Changed;
}
