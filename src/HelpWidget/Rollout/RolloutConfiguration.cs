using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HelpWidget.Rollout;

/// <summary>
/// Binds <see cref="HelpRolloutOptions"/> from <c>HelpWidget:Rollout</c> when the app has a configuration, and tells the
/// options monitor when that section changes (a settings file loaded with <c>reloadOnChange</c>). An app or test without
/// an <see cref="IConfiguration"/> keeps the defaults and its own <c>Configure</c> calls.
/// </summary>
internal sealed class RolloutConfiguration(IConfiguration? configuration) :
    IConfigureOptions<HelpRolloutOptions>, IOptionsChangeTokenSource<HelpRolloutOptions>
{
    private static readonly IChangeToken s_never = new CancellationChangeToken(CancellationToken.None);

    public string Name => Options.DefaultName;

    public void Configure(HelpRolloutOptions options)
    {
        if (configuration?.GetSection(HelpRolloutOptions.SectionName) is { } section && section.Exists())
        {
            section.Bind(options);
        }
    }

    public IChangeToken GetChangeToken() => configuration?.GetReloadToken() ?? s_never;
}
