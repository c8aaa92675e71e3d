namespace HelpWidget;

/// <summary>Provides data for <see cref="HelpSession.Closed"/>. It has no data yet; members may be added without breaking handlers.</summary>
public sealed class HelpPanelClosedEventArgs : EventArgs
{
}
