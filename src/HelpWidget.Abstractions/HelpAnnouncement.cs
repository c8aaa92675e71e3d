namespace HelpWidget;

/// <summary>
/// A notice shown in the help panel (and, for outages, in a banner the host places): planned maintenance, a
/// service outage, seasonal guidance. Scheduled, targeted by audience and context, dismissible per user.
/// </summary>
public sealed class HelpAnnouncement
{
    /// <summary>Gets the announcement's id, the same in every language; dismissals are kept by it.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the language of the text, as a lower-case ISO 639-1 code such as <c>en</c>.</summary>
    public required string Language { get; init; }

    /// <summary>Gets the short title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the body as sanitised HTML, safe to render.</summary>
    public required string Html { get; init; }

    /// <summary>Gets how serious it is. Defaults to <see cref="AnnouncementSeverity.Info"/>.</summary>
    public AnnouncementSeverity Severity { get; init; }

    /// <summary>Gets when it starts to show; <see langword="null"/> shows it from now.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>Gets when it stops showing; <see langword="null"/> shows it until it is removed.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>Gets the audiences it is for; empty means everyone.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>
    /// Gets where it applies: routes (starting with <c>/</c>, matching that route and those below it) and context
    /// keys; empty means everywhere.
    /// </summary>
    public IReadOnlyList<string> Contexts { get; init; } = [];

    /// <summary>Gets a value indicating whether it is scheduled to show at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> from <see cref="StartsAt"/> (inclusive) to <see cref="EndsAt"/> (exclusive).</returns>
    public bool IsActiveAt(DateTimeOffset now) => (StartsAt is null || now >= StartsAt) && (EndsAt is null || now < EndsAt);

    /// <summary>Gets a value indicating whether <paramref name="user"/> belongs to one of its audiences, or it has none.</summary>
    /// <param name="user">The user.</param>
    /// <returns><see langword="true"/> when the user may see it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="user"/> is <see langword="null"/>.</exception>
    public bool IsVisibleTo(HelpUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Audiences.Count == 0 || Audiences.Any(a => user.Audiences.Contains(a, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Gets a value indicating whether it applies where the user is.</summary>
    /// <param name="context">The route and declared keys.</param>
    /// <returns><see langword="true"/> when it has no contexts, or one matches the route (or a parent route) or a key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    public bool AppliesTo(HelpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Contexts.Count == 0 || Contexts.Any(context.Matches);
    }
}

/// <summary>How serious an announcement is.</summary>
public enum AnnouncementSeverity
{
    /// <summary>Information and guidance.</summary>
    Info,

    /// <summary>Something users should act on or plan for, such as maintenance.</summary>
    Warning,

    /// <summary>A service is down; also shown in the outage banner.</summary>
    Outage,
}
