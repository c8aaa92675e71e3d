using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>Announcements in the panel and the outage banner, as an editor writes them and a user meets them.</summary>
public sealed class AnnouncementTests(SampleAppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Panel_ShowsTheAnnouncement_AndDismissingItKeepsItAwayForTheSession()
    {
        await OpenPageAsync("/");
        await Launcher.ClickAsync();
        var announcements = Panel.GetByRole(AriaRole.Region, new() { Name = "Announcements" });
        var welcome = announcements.GetByRole(AriaRole.Article, new() { Name = "Help is now built into the intranet" });
        await Expect(welcome).ToContainTextAsync("Information");
        await AssertAccessibleAsync("announcement");

        await welcome.GetByRole(AriaRole.Button, new() { Name = "Dismiss: Help is now built into the intranet" }).ClickAsync();

        await Expect(welcome).ToHaveCountAsync(0);

        // Focus stays in the panel: on the next announcement's button, or on the confirmation when none is left.
        await Expect(Panel.Locator("button.hw-announcement-dismiss:focus, p.hw-dismissed:focus")).ToHaveCountAsync(1);
        if (await Panel.GetByRole(AriaRole.Region, new() { Name = "Announcements" }).CountAsync() == 0)
        {
            await Expect(Panel.GetByText("Announcement dismissed.")).ToBeFocusedAsync();
        }

        await AssertAccessibleAsync("announcement-dismissed");
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My profile" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "My profile", Level = 1 })).ToBeVisibleAsync();
        await Expect(Panel.GetByRole(AriaRole.Searchbox)).ToBeVisibleAsync();
        await Expect(welcome).ToHaveCountAsync(0);
        AssertNoProblems();
    }

    [Fact]
    public async Task Outage_ShowsABannerOnItsPages_InTheUsersLanguage_AndOnlyWhileScheduled()
    {
        var now = DateTimeOffset.UtcNow;
        var id = "outage-" + Guid.NewGuid().ToString("N")[..8];
        await WriteAsync($"en/{id}.md", id, "Leave system is down", "Requests are kept until it is back.", now.AddHours(-1), now.AddHours(1));
        await WriteAsync($"sv/{id}.md", id, "Ledighetssystemet ligger nere", "Ansökningarna sparas tills det fungerar igen.", now.AddHours(-1), now.AddHours(1));
        var past = id + "-past";
        await WriteAsync($"en/{past}.md", past, "An outage that is over", "Over.", now.AddHours(-3), now.AddHours(-2));

        await OpenPageAsync("/leave");
        var banner = Page.GetByRole(AriaRole.Region, new() { Name = "Service status" });
        await Expect(banner).ToContainTextAsync("Outage: Leave system is down");
        await Expect(banner).Not.ToContainTextAsync("An outage that is over");
        await AssertAccessibleAsync("outage-banner");

        await Page.GotoAsync("/culture/sv?returnUrl=/leave");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Driftstatus" })).ToContainTextAsync("Driftstörning: Ledighetssystemet ligger nere");

        await Page.GotoAsync("/culture/en?returnUrl=/profile");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "My profile", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Service status" })).ToHaveCountAsync(0);
        AssertNoProblems();
    }

    [Fact]
    public async Task Outage_DismissedInTheBanner_LeavesThePanelToo()
    {
        var now = DateTimeOffset.UtcNow;
        var id = "outage-" + Guid.NewGuid().ToString("N")[..8];
        await WriteAsync($"en/{id}.md", id, "Payroll portal is down", "Try again later.", now.AddHours(-1), now.AddHours(1), context: "/expenses");
        await OpenPageAsync("/expenses/new");
        await Launcher.ClickAsync();
        var inPanel = Panel.GetByRole(AriaRole.Article, new() { Name = "Payroll portal is down" });
        await Expect(inPanel).ToContainTextAsync("Outage");

        await Page.GetByRole(AriaRole.Region, new() { Name = "Service status" })
            .GetByRole(AriaRole.Button, new() { Name = "Dismiss: Payroll portal is down" }).ClickAsync();

        // Other tests may have put other outages on this page: only this one must be gone, from both places.
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Service status" }).GetByText("Payroll portal is down")).ToHaveCountAsync(0);
        await Expect(inPanel).ToHaveCountAsync(0);
        await Expect(Page.Locator("button.hw-outage-dismiss:focus, p.hw-dismissed:focus")).ToHaveCountAsync(1);
        AssertNoProblems();
    }

    private Task WriteAsync(string path, string id, string title, string body, DateTimeOffset starts, DateTimeOffset ends, string context = "/leave")
    {
        var file = Path.Combine(App.AnnouncementsPath, path);
        var text = $"""
            ---
            id: {id}
            title: {title}
            severity: outage
            starts: {starts.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}
            ends: {ends.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}
            contexts: [{context}]
            ---
            {body}
            """;
        return File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
    }
}
