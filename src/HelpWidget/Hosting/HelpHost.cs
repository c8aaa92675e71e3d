using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget;

/// <summary>
/// What the widget knows of the app it runs in: its name and version (sent with a ticket) and whether it runs in
/// Development. The host environment is optional: a WebAssembly app has none, so the components never ask for it.
/// </summary>
internal sealed class HelpHost(IOptions<HelpWidgetOptions> options, IServiceProvider services)
{
    private readonly IHostEnvironment? _environment = services.GetService<IHostEnvironment>();
    private readonly string? _version = Assembly.GetEntryAssembly()?.GetName().Version?.ToString();

    /// <summary>Gets the app's name: the configured one, else the host's, else the entry assembly's.</summary>
    public string ApplicationName =>
        options.Value.ApplicationName ?? _environment?.ApplicationName ?? Assembly.GetEntryAssembly()?.GetName().Name ?? "unknown";

    /// <summary>Gets the version of the app's entry assembly; <see langword="null"/> when there is none.</summary>
    public string? ApplicationVersion => _version;

    /// <summary>Gets a value indicating whether the app runs in the Development environment (never without a host environment).</summary>
    public bool IsDevelopment => _environment?.IsDevelopment() == true;
}
