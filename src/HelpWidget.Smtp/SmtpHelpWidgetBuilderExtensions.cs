using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HelpWidget.Smtp;

/// <summary>Adds the SMTP ticket sink to HelpWidget.</summary>
public static class SmtpHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Sends every ticket by e-mail through an SMTP server, as the ticket sink named <c>smtp</c>, and adds the background
    /// dispatcher that delivers queued tickets (as <c>AddTicketSink</c> does). The store must keep a delivery queue
    /// (<see cref="ITicketOutbox"/>), as <c>AddSqliteStore()</c> does.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Sets the server and the addresses; the options are validated when the app starts.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddSmtpSink(this IHelpWidgetBuilder builder, Action<SmtpSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddOptions(builder).Configure(configure);
        return AddSink(builder);
    }

    /// <summary>
    /// Sends every ticket by e-mail through an SMTP server, as the ticket sink named <c>smtp</c>, and adds the background
    /// dispatcher that delivers queued tickets (as <c>AddTicketSink</c> does), with options bound from
    /// a configuration section such as <c>HelpWidget:Smtp</c> (keys <c>Host</c>, <c>Port</c>, <c>Security</c>,
    /// <c>UserName</c>, <c>Password</c>, <c>From</c>, <c>To</c> as an array, <c>MessageIdDomain</c>, <c>Timeout</c>).
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configuration">The configuration section; the options are validated when the app starts.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddSmtpSink(this IHelpWidgetBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddOptions(builder).Bind(configuration);
        return AddSink(builder);
    }

    private static OptionsBuilder<SmtpSinkOptions> AddOptions(IHelpWidgetBuilder builder)
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpSinkOptions>, SmtpSinkOptionsValidator>());
        return builder.Services.AddOptions<SmtpSinkOptions>().ValidateDataAnnotations().ValidateOnStart();
    }

    // The sink and the dispatcher that delivers queued tickets to it: a sink without the dispatcher would never be called.
    private static IHelpWidgetBuilder AddSink(IHelpWidgetBuilder builder) => builder.AddTicketSink<SmtpTicketSink>();
}
