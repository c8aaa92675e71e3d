namespace HelpWidget.Components;

/// <summary>
/// Defaults for every <see cref="HelpLauncher"/> in the app; a launcher's own parameters override them. Set them with
/// <see cref="ComponentsHelpWidgetBuilderExtensions.ConfigureLauncher"/> or bind them from configuration.
/// </summary>
public sealed class HelpLauncherOptions
{
    /// <summary>
    /// Gets or sets the colour theme. Defaults to <see cref="HelpTheme.Page"/>, which follows the <c>color-scheme</c> the
    /// host page declares (light when it declares none); <see cref="HelpTheme.Auto"/> follows the user's system setting.
    /// </summary>
    public HelpTheme Theme { get; set; } = HelpTheme.Page;

    /// <summary>Gets or sets the bottom corner of the Help button and the panel. Defaults to <see cref="HelpPosition.End"/> (bottom right on left-to-right pages).</summary>
    public HelpPosition Position { get; set; } = HelpPosition.End;
}
