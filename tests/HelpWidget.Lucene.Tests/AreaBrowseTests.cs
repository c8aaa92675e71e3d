using Microsoft.Extensions.Logging.Abstractions;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

public sealed class AreaBrowseTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SearchAsync_BrowseArea_MostHelpfulFirstThenByTitle()
    {
        var signals = new AreaSignals
        {
            ["disliked"] = new ArticleSignals { HelpfulVotes = 9, UnhelpfulVotes = 10 },
            ["liked"] = new ArticleSignals { HelpfulVotes = 12, UnhelpfulVotes = 2 },
            ["liked-less"] = new ArticleSignals { HelpfulVotes = 5, UnhelpfulVotes = 1 },
        };
        using var provider = Create(signals,
            Article("disliked", "A disliked guide", "Text.", area: "printing"),
            Article("unrated-b", "B unrated guide", "Text.", area: "printing"),
            Article("unrated-a", "A unrated guide", "Text.", area: "printing"),
            Article("liked-less", "Z liked guide", "Text.", area: "printing"),
            Article("liked", "Y liked guide", "Text.", area: "printing"),
            Article("elsewhere", "Elsewhere", "Text.", area: "travel"));
        await provider.Signals.RefreshAsync();

        var results = await provider.SearchAsync(new SearchRequest { Area = "printing" }, Token);

        Assert.Equal(["liked", "liked-less", "unrated-a", "unrated-b", "disliked"], results.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task SearchAsync_AreaChangedInTheSource_IsFoundInItsNewArea()
    {
        var source = new TestArticleSource(Article("guide", "Printer guide", "Add a printer.", area: "printing"));
        using var provider = new LuceneKnowledgeProvider(source, NullLogger<LuceneKnowledgeProvider>.Instance);
        Assert.Single((await provider.SearchAsync(new SearchRequest { Query = "printer", Area = "printing" }, Token)).Hits);
        var reloaded = provider.NextReload;

        source.Change(Article("guide", "Printer guide", "Add a printer.", area: "devices"));
        await reloaded.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Empty((await provider.SearchAsync(new SearchRequest { Query = "printer", Area = "printing" }, Token)).Hits);
        var moved = await provider.SearchAsync(new SearchRequest { Query = "printer", Area = "devices" }, Token);
        Assert.Equal("devices", Assert.Single(moved.Hits).Area);
    }

    private static LuceneKnowledgeProvider Create(AreaSignals signals, params HelpArticle[] articles) =>
        new(new TestArticleSource(articles), NullLogger<LuceneKnowledgeProvider>.Instance, signals: signals);

    private sealed class AreaSignals : Dictionary<string, ArticleSignals>, IArticleSignalSource
    {
        public Task<IReadOnlyDictionary<string, ArticleSignals>> GetArticleSignalsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, ArticleSignals>>(new Dictionary<string, ArticleSignals>(this));
    }
}
