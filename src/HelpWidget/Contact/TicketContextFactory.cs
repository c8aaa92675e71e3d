namespace HelpWidget;

/// <summary>
/// Builds the context a ticket carries, so support need not ask what the user already told the widget: the page, the
/// app and its version, the language, the user's time zone, the searches tried, articles read and answers given in
/// the session, and the values the app added. Personal data in it is scrubbed. The form shows exactly this before
/// sending.
/// </summary>
internal sealed class TicketContextFactory(HelpHost host, IPersonalDataScrubber scrubber)
{
    /// <summary>The keys the widget sets; an app's value under one of them is replaced.</summary>
    public static readonly IReadOnlyList<string> WidgetKeys = ["page", "app", "culture", "timeZone", "appVersion", "searches", "articlesRead", "votes"];

    /// <summary>Creates the context of a ticket sent now from <paramref name="route"/>.</summary>
    /// <param name="session">The user's help session.</param>
    /// <param name="route">The page the ticket is sent from; <see langword="null"/> is the root.</param>
    /// <param name="language">The language the widget shows.</param>
    /// <returns>The context, in the order shown to the user, scrubbed of personal data.</returns>
    public IReadOnlyDictionary<string, string> Create(HelpSession session, string? route, string language)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(language);

        // The contact form builds the context as soon as it opens, to show it: the first time marks the contact started.
        session.RecordContactStarted();
        var context = new Dictionary<string, string>(session.Context.ValidValues(), StringComparer.Ordinal)
        {
            ["page"] = route ?? "/",
            ["app"] = host.ApplicationName,
            ["culture"] = language,
        };
        if (session.Context.TimeZone is { } timeZone)
        {
            context["timeZone"] = timeZone;
        }

        if (host.ApplicationVersion is { } version)
        {
            context["appVersion"] = version;
        }

        var activity = session.Activity;
        if (activity.Searches.Count > 0)
        {
            context["searches"] = string.Join(" | ", activity.Searches);
        }

        if (activity.Articles.Count > 0)
        {
            context["articlesRead"] = string.Join(", ", activity.Articles);
        }

        if (activity.Votes.Count > 0)
        {
            context["votes"] = string.Join(", ", activity.Votes.Select(v => $"{v.ArticleId}: {(v.Helpful ? "yes" : "no")}{(v.Reason is null ? null : " (" + v.Reason + ")")}"));
        }

        // What the user did is free text: personal data in it (a number typed into search, an address) is scrubbed.
        return new Dictionary<string, string>(scrubber.ScrubValues(context), StringComparer.Ordinal);
    }
}
