using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HelpWidget.AspNetCore;

/// <summary>Adds the services of the HelpWidget tag helpers to a Razor Pages or MVC app.</summary>
public static class HelpWidgetTagHelperServiceCollectionExtensions
{
    /// <summary>
    /// Adds what the tag helpers <c>&lt;help-widget&gt;</c>, <c>&lt;help-context&gt;</c> and <c>&lt;help-field&gt;</c>
    /// need: their options, checked when the app starts. The tag helpers put the help server's one-tag embed on the
    /// app's pages, so the app itself needs no Blazor and no engine. Make them available to the views with
    /// <c>@addTagHelper *, HelpWidget.AspNetCore</c> in <c>_ViewImports.cshtml</c>.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Configures the options, for example by binding the <c>HelpWidget</c> configuration section; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddHelpWidgetTagHelpers(this IServiceCollection services, Action<HelpWidgetTagHelperOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptionsWithValidateOnStart<HelpWidgetTagHelperOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HelpWidgetTagHelperOptions>, HelpWidgetTagHelperOptionsValidator>());
        services.TryAddSingleton<HelpWidgetTagHelperServices>();
        return services;
    }
}
