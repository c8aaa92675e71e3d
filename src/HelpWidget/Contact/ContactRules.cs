namespace HelpWidget;

/// <summary>When the widget offers contact with people: the self-service-first policy applied to a place, a user and what they did.</summary>
internal static class ContactRules
{
    /// <summary>Gets a value indicating whether any way to reach people is configured: the ticket form or a channel.</summary>
    public static bool HasAnyChannel(this HelpContactOptions contact) =>
        contact.TicketForm || contact.HasOtherChannel();

    /// <summary>Gets a value indicating whether e-mail, phone or chat is configured.</summary>
    public static bool HasOtherChannel(this HelpContactOptions contact) =>
        contact.Email is not null || contact.Phone is not null || contact.Chat is not null;

    /// <summary>
    /// Gets a value indicating whether contact is offered here and now: a way to reach people is configured, and the
    /// policy for the place and user allows it (<see cref="ContactPolicy.AfterSelfService"/> once the user searched or read an article).
    /// </summary>
    public static bool IsOffered(this HelpContactOptions contact, HelpContext context, HelpUser user, HelpSessionActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!contact.HasAnyChannel())
        {
            return false;
        }

        return contact.PolicyFor(context, user) switch
        {
            ContactPolicy.Always => true,
            ContactPolicy.AfterSelfService => activity.HasSelfService,
            _ => false,
        };
    }

    /// <summary>
    /// Gets a value indicating whether e-mail, phone and chat are offered while help is offline: whichever are
    /// configured, whatever the self-service-first policy asks (there is no self-service to try first), unless the
    /// place offers no contact at all (<see cref="ContactPolicy.Never"/>).
    /// </summary>
    public static bool OffersChannelsOffline(this HelpContactOptions contact, HelpContext context, HelpUser user) =>
        contact.HasOtherChannel() && contact.PolicyFor(context, user) != ContactPolicy.Never;
}
