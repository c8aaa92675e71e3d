using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Rollout;

/// <summary>
/// The roll-out from the options monitor. The settings were validated at start; a later change that fails validation is
/// logged once and the last good roll-out stays in force, so a typo in a settings file neither stops the app nor shows
/// the widget to everyone.
/// </summary>
internal sealed class HelpRollout(IOptionsMonitor<HelpRolloutOptions> monitor, ILogger<HelpRollout> logger) : IHelpRollout
{
    private readonly Lock _gate = new();
    private RolloutPlan? _plan;
    private string? _rejected;

    public bool ShowsLauncher(HelpUser user, string? route, IEnumerable<Claim>? claims = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Current.ShowsLauncher(user, route, claims);
    }

    public bool IsAreaLive(string? areaId) => Current.IsAreaLive(areaId);

    internal RolloutPlan Current
    {
        get
        {
            HelpRolloutOptions options;
            try
            {
                options = monitor.CurrentValue;
            }
            catch (OptionsValidationException ex)
            {
                lock (_gate)
                {
                    if (!string.Equals(_rejected, ex.Message, StringComparison.Ordinal))
                    {
                        _rejected = ex.Message;
                        Log.RolloutRejected(logger, ex.Message);
                    }

                    return _plan ?? RolloutPlan.Full;
                }
            }

            var plan = _plan;
            if (plan is not null && ReferenceEquals(plan.Options, options))
            {
                return plan;
            }

            lock (_gate)
            {
                if (_plan is null || !ReferenceEquals(_plan.Options, options))
                {
                    _plan = new RolloutPlan(options);
                    _rejected = null;
                    Log.RolloutApplied(logger, options.LiveAreas?.Count ?? 0, options.Launcher?.Audience ?? HelpLauncherRollout.Everyone, options.Launcher?.Routes?.Count ?? 0);
                }

                return _plan;
            }
        }
    }
}
