using System.Net;

namespace HelpWidget.Http;

/// <summary>
/// The announcements the help server has for the caller now, in every language and for every page (the widget's
/// announcement service picks by page and language, as it does in-process), and dismissals the server remembers for the
/// signed-in caller.
/// </summary>
/// <remarks>
/// The server filters by the caller, so <see cref="GetDismissedAsync"/> has nothing to add: dismissed announcements
/// are already left out of <see cref="LoadAnnouncementsAsync"/>.
/// </remarks>
internal sealed class HelpServerAnnouncements(HelpServerClient client) : IAnnouncementSource, IAnnouncementDismissals
{
    private static readonly IReadOnlySet<string> s_none = new HashSet<string>();

    public async Task<IReadOnlyList<HelpAnnouncement>> LoadAnnouncementsAsync(CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "announcements?all=true");
        using var response = await client.SendAsync("announcements", message, user: null, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? await client.ReadAsync("announcements", response, HelpServerJsonContext.Default.IReadOnlyListHelpAnnouncement, cancellationToken).ConfigureAwait(false)
            : throw await client.RefusedAsync("announcements", response, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlySet<string>> GetDismissedAsync(string userId, CancellationToken cancellationToken = default)
    {
        CheckUser(userId);
        return Task.FromResult(s_none);
    }

    public async Task DismissAsync(string userId, string announcementId, CancellationToken cancellationToken = default)
    {
        CheckUser(userId);
        ArgumentException.ThrowIfNullOrEmpty(announcementId);
        if (!ApiQuery.IsId(announcementId))
        {
            throw new ArgumentException("The announcement id is not an id the server could have.", nameof(announcementId));
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, $"announcements/{Uri.EscapeDataString(announcementId)}/dismissal");
        using var response = await client.SendAsync("dismissal", message, new HelpUser { Id = userId }, cancellationToken).ConfigureAwait(false);

        // An announcement that is gone (404) needs no dismissal.
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            throw await client.RefusedAsync("dismissal", response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void CheckUser(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (userId.Length > 256)
        {
            throw new ArgumentException("The user id is longer than 256 characters.", nameof(userId));
        }
    }
}
