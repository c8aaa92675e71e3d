using System.Globalization;
using System.Net.Http.Json;
using HelpWidget;
using HelpWidget.Samples.WebAssembly.Client;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.Extensions.Configuration;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

// The host holds the settings (its appsettings.json, command line and environment): ask it for the widget's section and
// for the language it chose for this user, so the browser registers the widget exactly as the host does.
using (var host = new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) })
{
    var settings = await host.GetFromJsonAsync(ClientSettings.Path, ClientSettingsJsonContext.Default.ClientSettings)
        ?? throw new InvalidOperationException($"The host answered '{ClientSettings.Path}' without settings.");
    builder.Configuration.AddInMemoryCollection(settings.Configuration);

    // Before the host runs: it then loads the resources (the widget's texts) of this culture. A runtime without the
    // culture's data (globalization-invariant) keeps the invariant culture: the widget then speaks English.
    if (HelpWidgetCultures.Find(settings.Culture) is { } culture)
    {
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
    }
}

builder.Services.AddSampleHelp(builder.Configuration);

await builder.Build().RunAsync();

