using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

public sealed class RankingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/expenses/new", "expenses-printer")]
    [InlineData("/leave", "leave-printer")]
    public async Task SearchAsync_EqualMatches_ThePageTheUserIsOnDecides(string route, string expected)
    {
        using var provider = Create(new FakeSignals(),
            Article("expenses-printer", "Printer help", "Print the receipt on the printer.", contexts: ["/expenses"]),
            Article("leave-printer", "Printer help", "Print the receipt on the printer.", contexts: ["/leave"]));

        var results = await provider.SearchAsync(new SearchRequest { Query = "printer", Context = new HelpContext { Route = route } }, Token);

        Assert.Equal(expected, results.Hits[0].Id);
    }

    [Fact]
    public async Task SearchAsync_EqualMatches_ArticleRatedUnhelpfulComesSecond()
    {
        var signals = new FakeSignals { ["a-unhelpful"] = new ArticleSignals { UnhelpfulVotes = 20 } };
        using var provider = Create(signals,
            Article("a-unhelpful", "Printer help", "Print on the printer."),
            Article("b-unrated", "Printer help", "Print on the printer."));
        await provider.Signals.RefreshAsync();

        var results = await provider.SearchAsync(new SearchRequest { Query = "printer" }, Token);

        Assert.Equal(["b-unrated", "a-unhelpful"], results.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task SearchAsync_SignalsChange_AreUsedAfterTheNextRefresh()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var signals = new FakeSignals();
        using var provider = new LuceneKnowledgeProvider(
            new TestArticleSource(Article("a", "Printer help", "Print on the printer."), Article("b", "Printer help", "Print on the printer.")),
            NullLogger<LuceneKnowledgeProvider>.Instance,
            signals: signals,
            time: time);
        Assert.Equal("a", (await provider.SearchAsync(new SearchRequest { Query = "printer" }, Token)).Hits[0].Id);
        await provider.Signals.Refreshing;

        signals["a"] = new ArticleSignals { UnhelpfulVotes = 30 };
        Assert.Equal("a", (await provider.SearchAsync(new SearchRequest { Query = "printer" }, Token)).Hits[0].Id);
        time.Advance(SignalCache.DefaultRefreshInterval);
        await provider.SearchAsync(new SearchRequest { Query = "printer" }, Token);
        await provider.Signals.Refreshing;

        Assert.Equal("b", (await provider.SearchAsync(new SearchRequest { Query = "printer" }, Token)).Hits[0].Id);
    }

    [Fact]
    public async Task SearchAsync_ClearlyBetterTextMatch_StaysFirstWhateverTheVotes()
    {
        var signals = new FakeSignals
        {
            ["vpn"] = new ArticleSignals { UnhelpfulVotes = 500 },
            ["printer"] = new ArticleSignals { HelpfulVotes = 500 },
        };
        using var provider = Create(signals,
            Article("vpn", "Connect to the VPN", "Start the VPN client. The VPN connects you to internal systems."),
            Article("printer", "Add a printer", "Printers work without a VPN."));
        await provider.Signals.RefreshAsync();

        var results = await provider.SearchAsync(new SearchRequest { Query = "connect vpn", Context = new HelpContext { Keys = ["printing"] } }, Token);

        Assert.Equal("vpn", results.Hits[0].Id);
    }

    [Fact]
    public async Task SearchAsync_SignalSourceFails_SearchStillAnswers()
    {
        using var provider = Create(new FakeSignals { Fail = true }, Article("vpn", "Connect to the VPN", "Start the client."));
        await provider.Signals.RefreshAsync();

        var results = await provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token);

        Assert.Equal("vpn", results.Hits[0].Id);
    }

    [Theory]
    [InlineData(0, 0, 1.0)]
    [InlineData(10, 10, 1.0)]
    [InlineData(10, 0, 1.05)]
    [InlineData(0, 10, 0.95)]
    [InlineData(1000, 0, 1.1)]
    [InlineData(1, 0, 1.0)]
    public void Factor_Helpfulness_IsBoundedAndGrowsWithVotes(int helpful, int unhelpful, double expected)
    {
        var factor = Ranking.Factor(
            Article("a", "A", "a"),
            HelpContext.None,
            new Dictionary<string, ArticleSignals> { ["a"] = new() { HelpfulVotes = helpful, UnhelpfulVotes = unhelpful } });

        Assert.Equal(expected, factor, precision: 3);
    }

    [Fact]
    public async Task SuggestAsync_OrdersExactKey_ThenTag_ThenRoute_ThenPopular()
    {
        var signals = new FakeSignals { ["popular"] = new ArticleSignals { HelpfulVotes = 40 }, ["by-route"] = new ArticleSignals { HelpfulVotes = 900 } };
        using var provider = Create(
            signals,
            Article("by-route", "Expense basics", "text", contexts: ["/expenses"]),
            Article("by-tag", "Receipts", "text", tags: ["receipts"]),
            Article("by-key", "Travel claims", "text", contexts: ["travel-claims"]),
            Article("popular", "Reset a password", "text"),
            Article("unrelated", "Printers", "text"));
        var request = new SearchRequest
        {
            Context = new HelpContext { Route = "/expenses/new", Keys = ["travel-claims"], Tags = ["Receipts"] },
            MaxResults = 5,
        };
        await provider.SuggestAsync(request, Token);
        await provider.Signals.Refreshing;

        var results = await provider.SuggestAsync(request, Token);

        Assert.Equal(["by-key", "by-tag", "by-route", "popular"], results.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task SuggestAsync_PopularFill_RespectsAudience()
    {
        var signals = new FakeSignals { ["managers-only"] = new ArticleSignals { HelpfulVotes = 99 }, ["everyone"] = new ArticleSignals { HelpfulVotes = 1 } };
        using var provider = Create(
            signals,
            Article("managers-only", "Approve claims", "text", audiences: ["manager"]),
            Article("everyone", "Submit a claim", "text"));
        var request = new SearchRequest { Context = new HelpContext { Route = "/nowhere" } };
        await provider.SuggestAsync(request, Token);
        await provider.Signals.Refreshing;

        var anonymous = await provider.SuggestAsync(request, Token);
        var manager = await provider.SuggestAsync(new SearchRequest { Context = request.Context, User = new HelpUser { Audiences = ["manager"] } }, Token);

        Assert.Equal(["everyone"], anonymous.Hits.Select(h => h.Id));
        Assert.Equal(["managers-only", "everyone"], manager.Hits.Select(h => h.Id));
    }

    private static LuceneKnowledgeProvider Create(FakeSignals signals, params HelpArticle[] articles) =>
        new(new TestArticleSource(articles), NullLogger<LuceneKnowledgeProvider>.Instance, signals: signals);

    private sealed class FakeSignals : Dictionary<string, ArticleSignals>, IArticleSignalSource
    {
        public bool Fail { get; init; }

        public Task<IReadOnlyDictionary<string, ArticleSignals>> GetArticleSignalsAsync(CancellationToken cancellationToken = default) =>
            Fail ? throw new InvalidOperationException("store is down") : Task.FromResult<IReadOnlyDictionary<string, ArticleSignals>>(new Dictionary<string, ArticleSignals>(this));
    }
}
