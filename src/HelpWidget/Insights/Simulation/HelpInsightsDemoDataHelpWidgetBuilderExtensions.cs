using HelpWidget.Insights.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget;

/// <summary>Adds demonstration data to the insights, so that a dashboard shows figures on an app's first run.</summary>
public static class HelpInsightsDemoDataHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Writes a realistic month of simulated use into the <see cref="IHelpEventStore"/> when the app starts, unless the
    /// store already holds simulated events from the last <see cref="HelpInsightsDemoDataOptions.Days"/> days: help
    /// sessions over the app's own articles (their ids, the words of their titles as searches, their contexts as
    /// pages, their languages), with searches, searches without results, articles opened from every source, votes
    /// with reasons, contacts, tickets, "this solved my problem" and announcements. Every event is marked
    /// <see cref="HelpEvent.IsSimulated"/>, and reports count them (<see cref="HelpInsightsReport.SimulatedEvents"/>)
    /// so that a dashboard can say its figures include demonstration data.
    /// </summary>
    /// <remarks>
    /// The data is written in the background: start-up never waits for it, and a failure (no store, no articles, the
    /// store refusing a batch) is logged, never thrown. Meant for samples, demonstrations and trials; not for an app
    /// whose figures people rely on.
    /// </remarks>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddHelpInsightsDemoData(this IHelpWidgetBuilder builder, Action<HelpInsightsDemoDataOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<HelpInsightsDemoDataOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HelpInsightsDemoDataOptions>, HelpInsightsDemoDataOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<HelpInsightsDemoData>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HelpInsightsDemoData>(sp => sp.GetRequiredService<HelpInsightsDemoData>()));
        return builder;
    }
}
