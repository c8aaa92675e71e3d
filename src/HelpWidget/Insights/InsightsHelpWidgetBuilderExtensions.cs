using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpWidget;

/// <summary>Configures the insights of HelpWidget: recording options and the app's own event sinks.</summary>
public static class InsightsHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Configures the insights. <c>AddHelpWidget()</c> already records events whenever an <see cref="IHelpEventStore"/>
    /// (such as the SQLite store's) or an <see cref="IHelpEventSink"/> is registered; call this to change the options.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddHelpInsights(this IHelpWidgetBuilder builder, Action<HelpInsightsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds a sink that receives every insight event in batches, in the background, as a singleton.</summary>
    /// <typeparam name="TSink">The sink's type.</typeparam>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddHelpEventSink<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSink>(this IHelpWidgetBuilder builder)
        where TSink : class, IHelpEventSink
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHelpEventSink, TSink>());
        return builder;
    }

    /// <summary>Adds a sink instance that receives every insight event in batches, in the background.</summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="sink">The sink.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="sink"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddHelpEventSink(this IHelpWidgetBuilder builder, IHelpEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sink);
        builder.Services.AddSingleton(sink);
        return builder;
    }
}
