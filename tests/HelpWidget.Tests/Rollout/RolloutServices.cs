using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HelpWidget.Tests.Rollout;

/// <summary>An app's services with a roll-out read from a settings file that the test can rewrite, as an administrator would.</summary>
internal sealed class RolloutServices : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("hw-rollout-");
    private readonly IConfigurationRoot _configuration;

    public RolloutServices(string rolloutJson, Action<IHelpWidgetBuilder>? configure = null)
    {
        Write(rolloutJson);

        // reloadOnChange: false, and Reload() below: the test decides when the file is read again instead of a file watcher.
        _configuration = new ConfigurationBuilder().AddJsonFile(SettingsPath, optional: false, reloadOnChange: false).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(Logs)))
            .AddSingleton<IConfiguration>(_configuration);
        var builder = services.AddHelpWidget();
        configure?.Invoke(builder);
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string SettingsPath => Path.Combine(_folder.FullName, "appsettings.json");

    public ServiceProvider Provider { get; }

    public FakeLogCollector Logs { get; } = new();

    public IHelpRollout Rollout => Provider.GetRequiredService<IHelpRollout>();

    /// <summary>Rewrites the settings file's roll-out section and has the configuration read it again, as reloadOnChange does.</summary>
    /// <returns>What the reload reported: the options monitor's validation failure of settings that are refused, otherwise <see langword="null"/>.</returns>
    public Exception? Change(string rolloutJson)
    {
        Write(rolloutJson);
        try
        {
            _configuration.Reload();
            return null;
        }
        catch (AggregateException error)
        {
            return error.Flatten().InnerExceptions.Single();
        }
    }

    public void Dispose()
    {
        Provider.Dispose();
        _folder.Delete(recursive: true);
    }

    private void Write(string rolloutJson) =>
        File.WriteAllText(SettingsPath, $$"""{ "HelpWidget": { "Rollout": {{rolloutJson}} } }""");
}
