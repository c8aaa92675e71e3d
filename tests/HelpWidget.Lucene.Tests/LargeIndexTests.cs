using Microsoft.Extensions.Logging.Abstractions;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

/// <summary>A first build large enough to be written on several threads gives the same index as one written on one.</summary>
public sealed class LargeIndexTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstBuild_OfManyArticles_IsOneSegment_WithEveryArticle_AndTakesChanges()
    {
        var count = LanguageIndexWriter.ParallelBuildFrom + 1;
        var articles = Enumerable.Range(0, count).Select(i => Article($"a{i:D5}", $"Guide {i}", $"Text of guide number w{i:D5}x and nothing else.")).ToArray();
        var source = new TestArticleSource(articles);
        using var provider = new LuceneKnowledgeProvider(source, NullLogger<LuceneKnowledgeProvider>.Instance);
        await provider.EnsureIndexAsync(Token);

        Assert.Equal(1, provider.Segments["en"]);
        foreach (var i in new[] { 0, 1, count / 2 - 1, count / 2, count / 2 + 1, count - 1 })
        {
            var hits = (await provider.SearchAsync(new SearchRequest { Query = $"w{i:D5}x " }, Token)).Hits;
            Assert.Equal($"a{i:D5}", Assert.Single(hits).Id);
        }

        // A change after the first build is written to that index as usual.
        var reload = provider.NextReload;
        source.Change([.. articles.Skip(1), Article("b00000", "Quokka", "The quokka smiles.")]);
        await reload.WaitAsync(s_timeout, Token);
        Assert.Equal("b00000", (await provider.SearchAsync(new SearchRequest { Query = "quokka" }, Token)).Hits[0].Id);
        Assert.Empty((await provider.SearchAsync(new SearchRequest { Query = "w00000x " }, Token)).Hits);
    }
}
