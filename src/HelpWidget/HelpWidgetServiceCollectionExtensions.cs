using HelpWidget.Announcements;
using HelpWidget.Attachments;
using HelpWidget.Insights;
using HelpWidget.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget;

/// <summary>Registers HelpWidget in a service collection.</summary>
public static class HelpWidgetServiceCollectionExtensions
{
    /// <summary>
    /// Adds the HelpWidget engine: options, the user's <see cref="HelpSession"/> and announcements, the personal data
    /// scrubber, the attachment inspector, localisation, and the recording of insight events (written in the background
    /// to an <see cref="IHelpEventStore"/> or <see cref="IHelpEventSink"/> when one is registered). Add articles (such as <c>AddMarkdownContent()</c>), a search
    /// engine (such as <c>AddLuceneSearch()</c>) and a store (such as <c>AddSqliteStore()</c>) to the returned builder.
    /// Without an <see cref="IAnnouncementSource"/> the widget shows no announcements.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>A builder to add backends to.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddHelpWidget(this IServiceCollection services, Action<HelpWidgetOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<HelpWidgetOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HelpWidgetOptions>, HelpWidgetOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<SessionRecording>();
        services.TryAddScoped(sp => new HelpSession(sp.GetRequiredService<SessionRecording>(), sp.GetRequiredService<HelpEventRecorder>()));

        // Insights: recorded into a bounded buffer and written in the background, only when a store or sink keeps them.
        services.AddOptions<HelpInsightsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HelpInsightsOptions>, HelpInsightsOptionsValidator>());
        services.TryAddSingleton<HelpEventRecorder>();
        services.TryAddSingleton<HelpEventWriter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HelpEventWriter>(sp => sp.GetRequiredService<HelpEventWriter>()));
        services.TryAddSingleton<HelpEventRetention>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HelpEventRetention>(sp => sp.GetRequiredService<HelpEventRetention>()));
        services.TryAddSingleton<HelpHost>();
        services.TryAddSingleton<TicketContextFactory>();

        // A factory, so an app without a store (one that only maps the API, or a client of a remote store registered later) still builds with validation on.
        services.TryAddScoped(sp => ActivatorUtilities.CreateInstance<ArticleAnswers>(sp));

        // Announcements are optional: an app (or a WebAssembly client) without a source shows none instead of failing.
        services.TryAddScoped(sp => ActivatorUtilities.CreateInstance<HelpAnnouncementService>(
            sp, sp.GetService<IAnnouncementSource>() ?? NoAnnouncementSource.Instance));
        services.AddOptions<PersonalDataScrubberOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersonalDataScrubberOptions>, PersonalDataScrubberOptionsValidator>());
        services.TryAddSingleton<IPersonalDataScrubber, PersonalDataScrubber>();
        services.AddOptions<TicketAttachmentOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TicketAttachmentOptions>, TicketAttachmentOptionsValidator>());
        services.TryAddSingleton<ITicketAttachmentInspector, TicketAttachmentInspector>();
        services.AddLocalization();

        // Areas: counted through the registered (decorated) knowledge provider; none without an IHelpAreaSource.
        services.TryAddSingleton<IHelpAreaCatalog>(sp => ActivatorUtilities.CreateInstance<HelpWidget.Areas.HelpAreaCatalog>(sp));
        return new HelpWidgetBuilder(services);
    }

    private sealed class HelpWidgetBuilder(IServiceCollection services) : IHelpWidgetBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
