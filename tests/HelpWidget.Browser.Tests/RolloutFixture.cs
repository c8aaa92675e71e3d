using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The intranet sample with one more settings file, watched for changes as appsettings.json is: a test rewrites its
/// roll-out section while the app runs, as an administrator would, and the app takes it up without a restart.
/// </summary>
public sealed class RolloutFixture : SampleAppFixture
{
    public RolloutFixture()
    {
        WriteRollout("""{ "Launcher": { "Audience": "Everyone" } }""");
    }

    /// <summary>Beside the sample's database, in the folder the base fixture deletes when done.</summary>
    private string SettingsPath => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "rollout.json");

    /// <summary>Replaces the settings file's <c>HelpWidget:Rollout</c> section; written whole, then moved in, so the app never reads half a file.</summary>
    public void WriteRollout(string rolloutJson)
    {
        var temporary = SettingsPath + ".tmp";
        File.WriteAllText(temporary, $$"""{ "HelpWidget": { "Rollout": {{rolloutJson}} } }""");
        File.Move(temporary, SettingsPath, overwrite: true);
    }

    protected override void ConfigureHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration(configuration => configuration.AddJsonFile(SettingsPath, optional: false, reloadOnChange: true));
}
