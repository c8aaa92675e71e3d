using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

/// <summary>Changes leave small segments beside the index; once the articles stay unchanged for a while, they are merged into one.</summary>
public sealed class CompactionTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reload_AfterAQuietPeriod_MergesTheSegmentsChangesLeft_AndSearchesStayRight()
    {
        var time = new FakeTimeProvider();
        var source = new TestArticleSource(Articles(round: 0));
        using var provider = new LuceneKnowledgeProvider(source, NullLogger<LuceneKnowledgeProvider>.Instance, time: time);
        await provider.EnsureIndexAsync(Token);

        // Two changes: each writes one small segment, too few for the merge policy to merge them during a reload.
        for (var round = 1; round <= 2; round++)
        {
            var reload = provider.NextReload;
            source.Change([.. Articles(round).Where(a => a.Id != "a2")]);
            await reload.WaitAsync(s_timeout, Token);
        }

        Assert.True(provider.Segments["en"] > 1, "changes are written as new segments");

        var compacted = provider.NextReload;
        time.Advance(LuceneKnowledgeProvider.CompactAfter);
        await compacted.WaitAsync(s_timeout, Token);

        Assert.Equal(1, provider.Segments["en"]);
        Assert.Equal("a1", (await provider.SearchAsync(new SearchRequest { Query = "badger round2" }, Token)).Hits[0].Id);
        Assert.Empty((await provider.SearchAsync(new SearchRequest { Query = "cheetah" }, Token)).Hits);

        // A later change is written to the merged index as usual.
        var again = provider.NextReload;
        source.Change(Articles(round: 4));
        await again.WaitAsync(s_timeout, Token);
        Assert.Equal("a2", (await provider.SearchAsync(new SearchRequest { Query = "cheetah round4" }, Token)).Hits[0].Id);
    }

    /// <summary>Twenty articles; in each round only the first two change (and a2 is left out), so the rest stay in the first segment.</summary>
    private static HelpArticle[] Articles(int round) =>
    [
        Article("a0", $"Aardvark guide round{round}", $"The aardvark digs in round{round}."),
        Article("a1", $"Badger guide round{round}", $"The badger sleeps in round{round}."),
        Article("a2", $"Cheetah guide round{round}", $"The cheetah runs in round{round}."),
        .. Enumerable.Range(3, 17).Select(i => Article($"a{i}", $"Guide {i}", $"Unchanged text {i}.")),
    ];
}
