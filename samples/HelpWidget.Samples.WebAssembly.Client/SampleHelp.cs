using HelpWidget.Components;
using HelpWidget.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Samples.WebAssembly.Client;

/// <summary>
/// The widget's registration, one method for both sides: the browser (Program.cs of this project) and the host, which
/// prerenders the same components and runs them on the server for an InteractiveAuto page's first visit. A service
/// registered on one side only is the classic InteractiveAuto failure: it works on the first visit (server) and fails
/// once WebAssembly is cached, or the other way round.
/// </summary>
public static class SampleHelp
{
    /// <summary>The configuration section the widget reads; <c>HelpWidget:Server</c> is the help server's address.</summary>
    public const string Section = "HelpWidget";

    /// <summary>
    /// Adds the widget, talking to the help server at <c>HelpWidget:Server</c>, with the options of the <c>HelpWidget</c>
    /// section (<c>HelpWidget:Http</c> for the client's timeouts, retries and offline cache).
    /// </summary>
    /// <param name="services">The browser's or the host's services.</param>
    /// <param name="configuration">The host's configuration, or the browser's copy of its <c>HelpWidget</c> section.</param>
    /// <returns>The widget's builder.</returns>
    /// <exception cref="InvalidOperationException"><c>HelpWidget:Server</c> is missing or not an absolute http(s) address.</exception>
    public static IHelpWidgetBuilder AddSampleHelp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddHelpWidget(options => configuration.GetSection(Section).Bind(options))
            .AddHelpServer(options =>
            {
                options.Address = ServerAddress(configuration);
                configuration.GetSection($"{Section}:Http").Bind(options);
            })
            .ConfigurePanel(options => configuration.GetSection($"{Section}:Panel").Bind(options))
            .ConfigureLauncher(options => configuration.GetSection($"{Section}:Launcher").Bind(options));
    }

    /// <summary>The help server's address from <c>HelpWidget:Server</c>.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>An absolute http or https address.</returns>
    /// <exception cref="InvalidOperationException">The setting is missing or not an absolute http(s) address.</exception>
    public static Uri ServerAddress(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[$"{Section}:Server"];
        return Uri.TryCreate(value, UriKind.Absolute, out var address) && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps)
            ? address
            : throw new InvalidOperationException(
                $"{Section}:Server must be the help server's address, such as http://127.0.0.1:5320 (it is '{value}'). " +
                "Set it in appsettings.json, with --HelpWidget:Server=… or the environment variable HelpWidget__Server.");
    }
}
