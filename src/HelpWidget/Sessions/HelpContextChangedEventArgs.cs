namespace HelpWidget;

/// <summary>Provides data for <see cref="HelpSessionContext.Changed"/>. It has no data yet; members may be added without breaking handlers.</summary>
public sealed class HelpContextChangedEventArgs : EventArgs
{
}
