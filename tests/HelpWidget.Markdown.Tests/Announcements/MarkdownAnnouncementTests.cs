using HelpWidget.Announcements;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Markdown.Tests;

public sealed class MarkdownAnnouncementTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hw-announcements-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 6, 30, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Parse_WallClockTimes_AreReadInTheAnnouncementsTimeZone()
    {
        var (winter, _) = MarkdownAnnouncementParser.Parse(File("timezone: Europe/Stockholm\nstarts: 2026-11-28T08:00\nends: 2026-11-28 12:00"), "a.md", "en");
        var (summer, _) = MarkdownAnnouncementParser.Parse(File("timezone: Europe/Oslo\nstarts: 2026-06-01T08:00"), "a.md", "en");
        var (explicitOffset, _) = MarkdownAnnouncementParser.Parse(File("timezone: Europe/Helsinki\nstarts: 2026-11-28T08:00Z"), "a.md", "en");

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero), winter!.StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 11, 0, 0, TimeSpan.Zero), winter.EndsAt);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero), summer!.StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero), explicitOffset!.StartsAt);
    }

    [Fact]
    public void Parse_TimeInTheSpringForwardGap_MovesPastTheGap()
    {
        // Oslo's clocks jump from 02:00 to 03:00 on 29 March 2026: 02:30 does not exist and is read as 03:30 (01:30Z).
        var (announcement, _) = MarkdownAnnouncementParser.Parse(File("timezone: Europe/Oslo\nstarts: 2026-03-29T02:30"), "a.md", "en");

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), announcement!.StartsAt);
    }

    [Theory]
    [InlineData("severity: emergency", "severity")]
    [InlineData("timezone: Mars/Olympus", "timezone")]
    [InlineData("timezone: ../../etc/passwd", "timezone")]
    [InlineData("starts: tomorrow", "starts")]
    [InlineData("ends: 2026-13-40T99:00", "ends")]
    [InlineData("starts: 2026-11-28T10:00Z\nends: 2026-11-28T09:00Z", "later")]
    public void Parse_BadSchedule_IsRefusedWithAClearReason(string frontMatter, string reasonMentions)
    {
        var (announcement, error) = MarkdownAnnouncementParser.Parse(File(frontMatter), "a.md", "en");

        Assert.Null(announcement);
        Assert.Contains(reasonMentions, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ScriptInTheBody_IsRemoved()
    {
        var (announcement, _) = MarkdownAnnouncementParser.Parse("---\nid: x\ntitle: T\n---\nHello <script>alert(1)</script><img src=x onerror=alert(1)> [link](javascript:alert(1))", "a.md", "en");

        Assert.DoesNotContain("<script", announcement!.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", announcement.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", announcement.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetCurrentAsync_ShowsWhatIsScheduled_ForTheUserAndPlace_MostSevereFirst()
    {
        Write("en/maintenance.md", "id: maintenance\ntitle: Maintenance\nseverity: warning\nstarts: 2026-11-28T07:00Z\nends: 2026-11-28T11:00Z");
        Write("en/outage.md", "id: outage\ntitle: Outage\nseverity: outage\ncontexts: [/expenses]");
        Write("en/managers.md", "id: managers\ntitle: For managers\naudience: manager");
        Write("en/keyed.md", "id: keyed\ntitle: Keyed\ncontexts: [payroll]");
        var service = Service(out _);

        Assert.Equal(["outage"], Ids(await service.GetCurrentAsync(HelpUser.Anonymous, new HelpContext { Route = "/expenses/new" }, "en", Token)));

        _time.Advance(TimeSpan.FromHours(1));
        var manager = new HelpUser { Audiences = ["Manager"] };
        Assert.Equal(["outage", "maintenance", "managers"], Ids(await service.GetCurrentAsync(manager, new HelpContext { Route = "/expenses" }, "en", Token)));
        Assert.Equal(["maintenance", "keyed"], Ids(await service.GetCurrentAsync(HelpUser.Anonymous, new HelpContext { Route = "/expensesx", Keys = ["payroll"] }, "en", Token)));

        _time.Advance(TimeSpan.FromHours(4));
        Assert.Empty(await service.GetCurrentAsync(HelpUser.Anonymous, new HelpContext { Route = "/" }, "en", Token));
    }

    [Fact]
    public async Task GetCurrentAsync_PrefersTheUsersLanguage_ElseTheDefault()
    {
        Write("en/a.md", "id: a\ntitle: English A");
        Write("sv/a.md", "id: a\ntitle: Svenska A");
        Write("en/b.md", "id: b\ntitle: English B");
        var service = Service(out _);

        var titles = (await service.GetCurrentAsync(HelpUser.Anonymous, HelpContext.None, "sv-SE", Token)).Select(a => a.Title);

        Assert.Equal(["English B", "Svenska A"], titles.Order());
    }

    [Fact]
    public async Task DismissAsync_Anonymous_LastsForTheSession_SignedIn_IsStored()
    {
        Write("en/a.md", "id: a\ntitle: A");
        var dismissals = new MemoryDismissals();
        var anonymousService = Service(out _, dismissals);
        var signedIn = new HelpUser { Id = "alex" };

        await anonymousService.DismissAsync(HelpUser.Anonymous, "a", Token);
        Assert.Empty(await anonymousService.GetCurrentAsync(HelpUser.Anonymous, HelpContext.None, "en", Token));
        Assert.Single(await Service(out _, dismissals).GetCurrentAsync(HelpUser.Anonymous, HelpContext.None, "en", Token));
        Assert.Empty(dismissals.Stored);

        await Service(out _, dismissals).DismissAsync(signedIn, "a", Token);
        Assert.Empty(await Service(out _, dismissals).GetCurrentAsync(signedIn, HelpContext.None, "en", Token));
        Assert.Equal([("alex", "a")], dismissals.Stored);
    }

    [Fact]
    public async Task BadInput_MissingFolder_BadFiles_AndBadIds_NeverBreakTheService()
    {
        var missing = new HelpAnnouncementService(
            new MarkdownAnnouncementSource(Options.Create(new MarkdownContentOptions { AnnouncementsPath = Path.Combine(_root.FullName, "nope") }), NullLogger<MarkdownAnnouncementSource>.Instance),
            _time, new HelpSession(), Options.Create(new HelpWidgetOptions()), NullLogger<HelpAnnouncementService>.Instance, new ServiceCollection().BuildServiceProvider());
        Assert.Empty(await missing.GetCurrentAsync(HelpUser.Anonymous, HelpContext.None, "xx-not-a-culture", Token));

        System.IO.File.WriteAllText(Path.Combine(_root.FullName, "broken.md"), "---\nid: [unclosed\n---\n");
        Write("good.md", "id: good\ntitle: Good");
        var service = Service(out _);
        Assert.Equal(["good"], Ids(await service.GetCurrentAsync(HelpUser.Anonymous, HelpContext.None, "\u0000", Token)));

        await Assert.ThrowsAsync<ArgumentException>("announcementId", () => service.DismissAsync(HelpUser.Anonymous, new string('x', 129), Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => service.DismissAsync(HelpUser.Anonymous, " ", Token));
    }

    private static string[] Ids(IEnumerable<HelpAnnouncement> announcements) => [.. announcements.Select(a => a.Id)];

    private static string File(string frontMatter) => $"---\nid: x\ntitle: T\n{frontMatter}\n---\nBody";

    private void Write(string path, string frontMatter)
    {
        var file = Path.Combine(_root.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        System.IO.File.WriteAllText(file, $"---\n{frontMatter}\n---\nBody of {path}.");
    }

    private HelpAnnouncementService Service(out HelpSession session, IAnnouncementDismissals? dismissals = null)
    {
        session = new HelpSession();
        var services = new ServiceCollection();
        if (dismissals is not null)
        {
            services.AddSingleton(dismissals);
        }

        return new HelpAnnouncementService(
            new MarkdownAnnouncementSource(Options.Create(new MarkdownContentOptions { AnnouncementsPath = _root.FullName }), NullLogger<MarkdownAnnouncementSource>.Instance),
            _time, session, Options.Create(new HelpWidgetOptions()), NullLogger<HelpAnnouncementService>.Instance, services.BuildServiceProvider());
    }

    private sealed class MemoryDismissals : IAnnouncementDismissals
    {
        public List<(string User, string Id)> Stored { get; } = [];

        public Task<IReadOnlySet<string>> GetDismissedAsync(string userId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlySet<string>>(Stored.Where(s => s.User == userId).Select(s => s.Id).ToHashSet());

        public Task DismissAsync(string userId, string announcementId, CancellationToken cancellationToken = default)
        {
            Stored.Add((userId, announcementId));
            return Task.CompletedTask;
        }
    }
}
