using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget;

/// <summary>Configures HelpWidget's services; backend packages add extension methods to it.</summary>
public interface IHelpWidgetBuilder
{
    /// <summary>Gets the service collection HelpWidget is registered in.</summary>
    IServiceCollection Services { get; }
}
