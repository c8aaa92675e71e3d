using HelpWidget.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HelpWidget;

/// <summary>Adds the health check of the ticket delivery queues.</summary>
public static class TicketDeliveryHealthChecksBuilderExtensions
{
    /// <summary>The name the delivery health check is registered under unless another is given: <c>helpwidget-delivery</c>.</summary>
    public const string DefaultName = "helpwidget-delivery";

    /// <summary>
    /// Adds a health check that reads every sink's delivery queue (<see cref="ITicketQueueView"/>): <see cref="HealthStatus.Degraded"/>
    /// or <see cref="HealthStatus.Unhealthy"/> when a sink's oldest pending ticket waits longer than the options allow, and
    /// <see cref="TicketDeliveryHealthCheckOptions.DeadLetterStatus"/> while dead letters wait for an operator. Its data holds one
    /// <see cref="TicketQueueStatus"/> per sink, keyed by sink name.
    /// </summary>
    /// <param name="builder">The health checks builder, from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="configure">Configures the thresholds, which are validated when the app starts; <see langword="null"/> keeps the defaults.</param>
    /// <param name="name">The name of the check, <see cref="DefaultName"/> unless given; the options are named after it.</param>
    /// <param name="tags">Tags that select the check in a health endpoint, such as <c>ready</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// A store failure (the database unreachable) reports the registration's failure status with the store's message.
    /// Keep the check out of liveness probes: restarting an app does not deliver a ticket that a receiver refuses.
    /// </remarks>
    public static IHealthChecksBuilder AddTicketDeliveryHealthCheck(
        this IHealthChecksBuilder builder,
        Action<TicketDeliveryHealthCheckOptions>? configure = null,
        string name = DefaultName,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        var options = builder.Services.AddOptions<TicketDeliveryHealthCheckOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TicketDeliveryHealthCheckOptions>, TicketDeliveryHealthCheckOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder.Add(new HealthCheckRegistration(
            name,
            services => new TicketDeliveryHealthCheck(
                services.GetService<ITicketQueueView>(),
                services.GetRequiredService<IOptionsMonitor<TicketDeliveryHealthCheckOptions>>().Get(name),
                services.GetRequiredService<TimeProvider>()),
            failureStatus: HealthStatus.Unhealthy,
            tags));
    }
}
