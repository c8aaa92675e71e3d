using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HelpWidget.Components.Tests;

/// <summary>A dismissal the store cannot keep still hides the announcement, and the failure is logged with its id only.</summary>
public sealed class AnnouncementLoggingTests() : HelpWidgetTestContext(builder =>
{
    builder.Services.AddFakeLogging();
    builder.Services.AddSingleton<IAnnouncementSource>(new OneAnnouncement());
    builder.Services.AddSingleton<IAnnouncementDismissals>(new BrokenDismissals());
})
{
    [Fact]
    public void Dismiss_StoreFails_HidesTheAnnouncementAndLogsItsId()
    {
        var cut = Render<HelpAnnouncementList>(p => p.Add(l => l.User, new HelpUser { Id = "user-7", DisplayName = "Alex Lindqvist", Email = "alex@nordhav.example" }));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("article.hw-announcement")));

        cut.Find("button.hw-announcement-dismiss").Click();

        Assert.Empty(cut.FindAll("article.hw-announcement"));
        var record = Assert.Single(Services.GetFakeLogCollector().GetSnapshot(), r => r.Category == typeof(AnnouncementsBase).FullName);
        Assert.Equal((LogLevel.Warning, 10), (record.Level, record.Id.Id));
        Assert.Contains("'printer-outage'", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Alex", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("user-7", record.Message, StringComparison.Ordinal);
    }

    private sealed class OneAnnouncement : IAnnouncementSource
    {
        public Task<IReadOnlyList<HelpAnnouncement>> LoadAnnouncementsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<HelpAnnouncement>>([new HelpAnnouncement { Id = "printer-outage", Language = "en", Title = "Printers on floor 3 are down", Html = "<p>Use floor 2.</p>" }]);
    }

    private sealed class BrokenDismissals : IAnnouncementDismissals
    {
        public Task<IReadOnlySet<string>> GetDismissedAsync(string userId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

        public Task DismissAsync(string userId, string announcementId, CancellationToken cancellationToken = default) =>
            throw new IOException("database is locked");
    }
}
