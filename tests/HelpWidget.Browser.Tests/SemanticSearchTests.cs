using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// Meaning-aware search in the sample: once the articles' vectors are ready (the sample's /health says so), a question
/// that shares no word with its article finds it in the panel, after the settled search; word matching alone does not.
/// </summary>
public sealed class SemanticSearchTests(SemanticSearchTests.SemanticApp app) : BrowserTest(app), IClassFixture<SemanticSearchTests.SemanticApp>
{
    /// <summary>The intranet sample with <c>HelpWidget:SemanticSearch=true</c>, its vectors cached in a folder of its own.</summary>
    public sealed class SemanticApp : SampleAppFixture, IAsyncDisposable
    {
        private readonly DirectoryInfo _vectors = Directory.CreateTempSubdirectory("hw-browser-vectors-");

        protected override void ConfigureHost(IWebHostBuilder builder)
        {
            builder.UseSetting("HelpWidget:SemanticSearch", "true");
            builder.UseSetting("HelpWidget:Lucene:Semantic:VectorCachePath", _vectors.FullName);
        }

        public new async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            _vectors.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A parent whose small child is ill: not one word of it (nor a stem, nor a synonym from the sample's list) is in the
    /// article, or in any other English article of the sample.
    /// </summary>
    private const string Paraphrase = "feverish toddler";

    private const string Article = "Report sick leave or care of a sick child";

    [Fact]
    public async Task Paraphrase_SharingNoWordWithItsArticle_FindsItOnceTheVectorsAreReady()
    {
        var health = await WaitUntilHealthyAsync();
        Assert.Matches(@"^Healthy: Search ready: en: \d+ articles by meaning and words; sv: \d+ articles by words$", health);

        // Word matching alone (what every keystroke gets) does not find the article.
        var search = App.Services.GetRequiredService<IKnowledgeProvider>();
        var typing = await search.SearchAsync(new SearchRequest { Query = Paraphrase, Language = "en", AsYouType = true }, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(typing.Hits, hit => hit.Title == Article);
        Assert.True(typing.Refinable);

        await OpenPageAsync("/");
        await Launcher.ClickAsync();
        await Expect(SearchBox).ToBeFocusedAsync();
        await SearchBox.PressSequentiallyAsync(Paraphrase);

        // The settled query (after the pause) is ranked by meaning too, and its list replaces the keystrokes' one.
        var results = Panel.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Expect(results.GetByRole(AriaRole.Button, new() { Name = Article })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(SearchBox).ToBeFocusedAsync();
        await Expect(SearchBox).ToHaveValueAsync(Paraphrase);
        await AssertAccessibleAsync("semantic-results");
        AssertNoProblems();
    }

    /// <summary>Reads the sample's /health until it says Healthy (the vectors are computed in the background), for at most 3 minutes.</summary>
    private async Task<string> WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        var seen = new List<string>();
        while (true)
        {
            var text = await client.GetStringAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
            if (seen.Count == 0 || seen[^1] != text)
            {
                seen.Add(text);
            }

            if (text.StartsWith("Healthy", StringComparison.Ordinal))
            {
                // Whatever was seen before: the index being built, or the vectors counted up to all of the English articles.
                Assert.All(seen[..^1], early => Assert.Matches(@"^Degraded: (The search index is being built|meaning-aware search \(en\): \d+ of \d+ articles ready)", early));
                return text;
            }

            Assert.True(waiting.Elapsed < TimeSpan.FromMinutes(3), "The vectors were not ready after 3 minutes; /health said: " + string.Join(" | ", seen));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
