using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget;

/// <summary>
/// The announcements a user should see now, where they are, in their language, without those they dismissed.
/// Registered as a scoped service by <c>AddHelpWidget()</c>.
/// </summary>
/// <remarks>
/// Dismissals of signed-in users (a <see cref="HelpUser.Id"/>) are remembered by the store's
/// <see cref="IAnnouncementDismissals"/> when one is registered; anonymous users' dismissals last for their
/// <see cref="HelpSession"/>.
/// </remarks>
public sealed class HelpAnnouncementService
{
    private readonly IAnnouncementSource _source;
    private readonly TimeProvider _time;
    private readonly HelpSession _session;
    private readonly IOptions<HelpWidgetOptions> _options;
    private readonly ILogger<HelpAnnouncementService> _logger;
    private readonly IAnnouncementDismissals? _dismissals;

    /// <summary>Initializes a new instance of the <see cref="HelpAnnouncementService"/> class.</summary>
    /// <param name="source">Where announcements come from.</param>
    /// <param name="time">The clock.</param>
    /// <param name="session">The user's help session, which keeps anonymous dismissals.</param>
    /// <param name="options">The engine's options (default language).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="services">Resolves the optional <see cref="IAnnouncementDismissals"/>.</param>
    public HelpAnnouncementService(IAnnouncementSource source, TimeProvider time, HelpSession session, IOptions<HelpWidgetOptions> options, ILogger<HelpAnnouncementService> logger, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _dismissals = services.GetService<IAnnouncementDismissals>();
    }

    /// <summary>Occurs when the user dismissed an announcement, so every place that shows it can update.</summary>
    public event EventHandler<string>? Dismissed;

    /// <summary>Gets the announcements to show: scheduled now, for the user's audience and context, not dismissed; outages first.</summary>
    /// <param name="user">The user.</param>
    /// <param name="context">Where the user is.</param>
    /// <param name="language">The user's language (an IETF tag); the default language is used for announcements not written in it.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The announcements, most severe and most recent first; empty when they cannot be loaded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="user"/> or <paramref name="context"/> is <see langword="null"/>.</exception>
    public async Task<IReadOnlyList<HelpAnnouncement>> GetCurrentAsync(HelpUser user, HelpContext context, string? language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<HelpAnnouncement> all;
        IReadOnlySet<string> dismissed;
        try
        {
            all = await _source.LoadAnnouncementsAsync(cancellationToken);
            dismissed = await DismissedAsync(user, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Announcements are a courtesy: help works without them.
            Log.AnnouncementsFailed(_logger, ex);
            return [];
        }

        var wanted = Primary(language) ?? _options.Value.DefaultLanguage;
        var now = _time.GetUtcNow();
        IReadOnlyList<HelpAnnouncement> current = [.. all
            .Where(a => a.IsActiveAt(now) && a.IsVisibleTo(user) && a.AppliesTo(context) && !dismissed.Contains(a.Id))
            .GroupBy(a => a.Id, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(a => a.Language == wanted) ?? g.FirstOrDefault(a => a.Language == _options.Value.DefaultLanguage) ?? g.First())
            .OrderByDescending(a => a.Severity)
            .ThenByDescending(a => a.StartsAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Id, StringComparer.Ordinal)];
        if (_session.User is null && user.Id is not null)
        {
            // The announcements know the signed-in user before the panel does: insights link this user's sessions by a hash of the id.
            _session.User = user;
        }

        foreach (var announcement in current)
        {
            _session.RecordAnnouncementShown(announcement.Id);
        }

        return current;
    }

    /// <summary>Dismisses an announcement for the user: remembered in the store for a signed-in user, for the session otherwise.</summary>
    /// <param name="user">The user.</param>
    /// <param name="announcementId">The announcement's id.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>A task that completes when the dismissal is remembered.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="user"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="announcementId"/> is empty or longer than 128 characters.</exception>
    public async Task DismissAsync(HelpUser user, string announcementId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(announcementId);
        if (announcementId.Length > 128)
        {
            throw new ArgumentException("The announcement id is longer than 128 characters.", nameof(announcementId));
        }

        SessionDismissals().Add(announcementId);
        _session.RecordAnnouncementDismissed(announcementId);
        if (_dismissals is not null && !string.IsNullOrEmpty(user.Id))
        {
            await _dismissals.DismissAsync(user.Id, announcementId, cancellationToken);
        }

        Dismissed?.Invoke(this, announcementId);
    }

    private async Task<IReadOnlySet<string>> DismissedAsync(HelpUser user, CancellationToken cancellationToken)
    {
        var session = SessionDismissals();
        if (_dismissals is null || string.IsNullOrEmpty(user.Id))
        {
            return session;
        }

        var stored = await _dismissals.GetDismissedAsync(user.Id, cancellationToken);
        return session.Count == 0 ? stored : new HashSet<string>(stored.Concat(session), StringComparer.Ordinal);
    }

    private HashSet<string> SessionDismissals()
    {
        if (_session.Items.TryGetValue(typeof(HelpAnnouncementService), out var value) && value is HashSet<string> set)
        {
            return set;
        }

        set = new HashSet<string>(StringComparer.Ordinal);
        _session.Items[typeof(HelpAnnouncementService)] = set;
        return set;
    }

    private static string? Primary(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var dash = language.IndexOf('-', StringComparison.Ordinal);
        var primary = (dash > 0 ? language[..dash] : language).ToLowerInvariant();
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }
}
