using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

namespace HelpWidget.Samples.WebAssembly.Client;

/// <summary>
/// What the host tells the browser before the WebAssembly app starts: the language the request chose (culture cookie or
/// Accept-Language) and the host's <c>HelpWidget</c> configuration section, so that <c>--HelpWidget:Server=…</c> or an
/// environment variable given to the host reaches the widget in the browser, and both sides register the same widget.
/// </summary>
/// <param name="Culture">The UI culture's name, such as <c>sv</c>.</param>
/// <param name="Configuration">The <c>HelpWidget</c> section as configuration keys and values (<c>HelpWidget:Server</c>, …).</param>
public sealed record ClientSettings(string Culture, IReadOnlyDictionary<string, string?> Configuration)
{
    /// <summary>The host's path that answers with the settings, relative to the app's base address.</summary>
    public const string Path = "client-settings";

    /// <summary>The settings for a request: its culture and the configuration's <c>HelpWidget</c> section.</summary>
    /// <param name="culture">The request's UI culture name.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The settings; only the <c>HelpWidget</c> section leaves the host, nothing else of its configuration.</returns>
    public static ClientSettings From(string culture, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SampleHelp.Section).AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        return new ClientSettings(culture, section);
    }
}

/// <summary>Generated JSON code for <see cref="ClientSettings"/>, which trimming keeps.</summary>
[JsonSerializable(typeof(ClientSettings))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
public sealed partial class ClientSettingsJsonContext : JsonSerializerContext;
