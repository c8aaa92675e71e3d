namespace HelpWidget.Announcements;

internal sealed class NoAnnouncementSource : IAnnouncementSource
{
    public static readonly NoAnnouncementSource Instance = new();

    public Task<IReadOnlyList<HelpAnnouncement>> LoadAnnouncementsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<HelpAnnouncement>>([]);
}
