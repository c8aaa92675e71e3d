using System.Diagnostics.CodeAnalysis;
using System.Runtime.Versioning;
using HelpWidget.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget;

/// <summary>Adds ticket sinks and their delivery to HelpWidget.</summary>
public static class TicketDeliveryHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Adds a sink that receives every ticket saved from now on, and the background dispatcher that delivers queued
    /// tickets to the sinks (at least once, in submission order per sink, with retries and dead letters).
    /// The store must keep a delivery queue (<see cref="ITicketOutbox"/>), as <c>AddSqliteStore()</c> does.
    /// </summary>
    /// <typeparam name="TSink">The sink, registered as a singleton; adding the same type twice adds it once.</typeparam>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddTicketSink<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSink>(this IHelpWidgetBuilder builder)
        where TSink : class, ITicketSink
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ITicketSink, TSink>());
        AddDelivery(builder.Services);
        return builder;
    }

    /// <summary>Configures how tickets are delivered to the sinks: attempts, back-off, timeouts and leases.</summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options, which are validated when the app starts.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder ConfigureTicketDelivery(this IHelpWidgetBuilder builder, Action<TicketDeliveryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddDelivery(builder.Services);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Configures how tickets are delivered to the sinks from configuration (keys <c>MaxAttempts</c>, <c>InitialDelay</c>,
    /// <c>MaxDelay</c>, <c>AttemptTimeout</c>, <c>LeaseDuration</c>, <c>PollInterval</c>; times as <c>hh:mm:ss</c>).
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configuration">The configuration section, such as <c>HelpWidget:Delivery</c>; the options are validated when the app starts.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder ConfigureTicketDelivery(this IHelpWidgetBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddDelivery(builder.Services);
        builder.Services.AddOptions<TicketDeliveryOptions>().Bind(configuration);
        return builder;
    }

    /// <summary>
    /// Adds the webhook sink, named <c>webhook</c>: each ticket is POSTed as JSON to one URL, signed with HMAC-SHA256
    /// and carrying its idempotency key (see docs/delivery.md for the body and how to verify it).
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options, which are validated when the app starts.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    [UnsupportedOSPlatform("browser")]
    public static IHelpWidgetBuilder AddWebhookSink(this IHelpWidgetBuilder builder, Action<WebhookSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddWebhook(builder.Services).Configure(configure);
        return builder.AddTicketSink<WebhookTicketSink>();
    }

    /// <summary>Adds the webhook sink with its options bound from configuration (keys <c>Url</c>, <c>Secret</c>, <c>Timeout</c>).</summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configuration">The configuration section, such as <c>HelpWidget:Delivery:Webhook</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    [UnsupportedOSPlatform("browser")]
    public static IHelpWidgetBuilder AddWebhookSink(this IHelpWidgetBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddWebhook(builder.Services).Bind(configuration);
        return builder.AddTicketSink<WebhookTicketSink>();
    }

    private static void AddDelivery(IServiceCollection services)
    {
        // Once only: validators added twice would report every invalid option twice.
        if (IsRegistered<TicketDeliveryOptionsValidator>(services))
        {
            return;
        }

        services.AddOptions<TicketDeliveryOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TicketDeliveryOptions>, TicketDeliveryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITicketDeadLetters, TicketDeadLetters>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TicketDispatcher>());
    }

    // The webhook is sent from a server: its handler (no redirects, no cookies) does not exist in a browser.
    [UnsupportedOSPlatform("browser")]
    private static OptionsBuilder<WebhookSinkOptions> AddWebhook(IServiceCollection services)
    {
        var options = services.AddOptions<WebhookSinkOptions>();
        if (!IsRegistered<WebhookSinkOptionsValidator>(services))
        {
            options.ValidateOnStart();
            services.AddSingleton<IValidateOptions<WebhookSinkOptions>, WebhookSinkOptionsValidator>();
            // Timeouts come from the options through the TimeProvider; redirects are not followed, so a body is never re-sent elsewhere.
            services.AddHttpClient(WebhookTicketSink.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        }

        return options;
    }

    private static bool IsRegistered<TImplementation>(IServiceCollection services) =>
        services.Any(descriptor => descriptor.ImplementationType == typeof(TImplementation));
}
