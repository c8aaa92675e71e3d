using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>Search learns from use: a search after which a reader found an article helpful finds that article for the next person.</summary>
public sealed class LearningTests(LearningTests.LearningApp app) : BrowserTest(app), IClassFixture<LearningTests.LearningApp>
{
    /// <summary>
    /// The intranet sample with a fresh SQLite file of its own: learned searches count by the article's Yes and No
    /// answers, so "No" answers that other tests give the same article must not weigh against this reader's "Yes".
    /// </summary>
    public sealed class LearningApp : SampleAppFixture
    {
        protected override void ConfigureHost(IWebHostBuilder builder) => builder.UseSetting("HelpWidget:Insights:DemoData", "false");
    }

    private const string Article = "Connect to the VPN when working remotely";

    [Fact]
    public async Task HelpfulAnswer_TeachesSearchTheWordsTheReaderUsed()
    {
        // A word no article contains, unique to this run, so no other test's answers count.
        var word = "wfh" + Guid.NewGuid().ToString("N")[..6];
        await OpenPageAsync("/");
        await Launcher.ClickAsync();

        await SearchBox.FillAsync(word);
        await Expect(Panel.GetByText("No articles match")).ToBeVisibleAsync();

        // The reader finds the article by other words and says it helped.
        await SearchBox.FillAsync($"vpn {word}");
        await Panel.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Button, new() { Name = Article }).ClickAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Yes", Exact = true }).ClickAsync();
        await Expect(Panel.GetByText("Thank you for your feedback.")).ToBeVisibleAsync();
        await Panel.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();

        // The first search after the signals are due (a second after the last read, in the test app) reads them in
        // the background and writes what was learned to the index. Each attempt is a new search, waited for until its
        // own answer shows (the query alternates with a trailing space, so every answer differs); for at most 15 s.
        var results = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" });
        var found = false;
        var trying = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 0; !found && trying.Elapsed < TimeSpan.FromSeconds(15); attempt++)
        {
            var query = attempt % 2 == 0 ? word : word + " ";
            await SearchBox.FillAsync(query);
            var answered = Panel.GetByText($"No articles match “{query}”").Or(results.GetByRole(AriaRole.Button, new() { Name = Article }));
            await Expect(answered.First).ToBeVisibleAsync();
            found = await results.GetByRole(AriaRole.Button, new() { Name = Article }).IsVisibleAsync();
        }

        Assert.True(found, $"A search for '{word}' did not find the article it was learned for.");
        AssertNoProblems();
    }
}
