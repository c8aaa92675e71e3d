using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HelpWidget.Components;

/// <summary>Configures the HelpWidget Razor components.</summary>
public static class ComponentsHelpWidgetBuilderExtensions
{
    /// <summary>Sets the defaults of every <see cref="HelpLauncher"/> in the app, such as its theme and position; they are validated when the app starts.</summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder ConfigureLauncher(this IHelpWidgetBuilder builder, Action<HelpLauncherOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<HelpLauncherOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HelpLauncherOptions>, HelpLauncherOptionsValidator>());
        return builder;
    }

    /// <summary>Sets the settings of every <see cref="HelpPanel"/> in the app, such as its search hints; they are validated when the app starts.</summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder ConfigurePanel(this IHelpWidgetBuilder builder, Action<HelpPanelOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<HelpPanelOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HelpPanelOptions>, HelpPanelOptionsValidator>());
        return builder;
    }
}
