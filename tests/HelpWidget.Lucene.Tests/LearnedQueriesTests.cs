using HelpWidget.Sqlite;
using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

/// <summary>Searches after which readers found an article helpful are indexed with it, so the next person asking that way finds it.</summary>
public sealed class LearnedQueriesTests
{
    private static readonly HelpArticle[] s_articles =
    [
        Article("vpn-connect", "Connect to the VPN", "Open the VPN client and sign in with your company account."),
        Article("desk-booking", "Book a desk", "Choose a floor and a free desk in the booking app."),
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SearchAsync_WordsOnlyReadersUsed_FindTheArticleTheyFoundHelpful()
    {
        var signals = new Signals();
        using var unlearned = Create(signals, new FakeTimeProvider(), s_articles);
        Assert.Empty((await unlearned.SearchAsync(new SearchRequest { Query = "wfh setup" }, Token)).Hits);

        signals["vpn-connect"] = new ArticleSignals { HelpfulVotes = 2, HelpfulQueries = ["wfh setup", "working from home"] };
        using var learned = Create(signals, new FakeTimeProvider(), s_articles);

        var hits = (await learned.SearchAsync(new SearchRequest { Query = "wfh" }, Token)).Hits;
        Assert.Equal("vpn-connect", Assert.Single(hits).Id);
    }

    [Fact]
    public async Task SearchAsync_HelpfulAnswerStoredInSqlite_TeachesTheSearchThatLedToIt()
    {
        using var files = new SqliteTestFolder("hw-learned-");

        // Registered the way an app registers them: the SQLite store is the signal source of the Lucene engine.
        var services = new ServiceCollection().AddLogging().AddSingleton<IArticleSource>(new TestArticleSource(s_articles));
        services.AddHelpWidget()
            .AddSqliteStore(options => options.ConnectionString = files.ConnectionString)
            .AddLuceneSearch();
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IHelpStore>();
        await store.SaveFeedbackAsync(new ArticleFeedback { ArticleId = "vpn-connect", Language = "en", Helpful = true, Query = "WFH  setup", CreatedAt = DateTimeOffset.UnixEpoch }, Token);
        await store.SaveFeedbackAsync(new ArticleFeedback { ArticleId = "desk-booking", Language = "en", Helpful = false, Query = "wfh", CreatedAt = DateTimeOffset.UnixEpoch }, Token);

        var hits = (await provider.GetRequiredService<IKnowledgeProvider>().SearchAsync(new SearchRequest { Query = "wfh" }, Token)).Hits;
        Assert.Equal("vpn-connect", Assert.Single(hits).Id);

        // The search may have started a background read of the store: let it finish before the file goes.
        await provider.GetRequiredService<LuceneKnowledgeProvider>().Signals.Refreshing;
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:01:00")]
    [InlineData("2.00:00:00")]
    public void Options_SignalsRefreshIntervalOutOfRange_FailWithAMessageNamingIt(string interval)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<IArticleSource>(new TestArticleSource(s_articles));
        services.AddHelpWidget().AddLuceneSearch(options => options.SignalsRefreshInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LuceneSearchOptions>>().Value);
        Assert.Contains("SignalsRefreshInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_LearnedQueriesDoNotOutweighAnArticleThatSaysItAll()
    {
        var signals = new Signals { ["vpn-connect"] = new ArticleSignals { HelpfulVotes = 1, HelpfulQueries = ["book a desk from home"] } };
        using var provider = Create(signals, new FakeTimeProvider(), s_articles);

        var hits = (await provider.SearchAsync(new SearchRequest { Query = "book a desk" }, Token)).Hits;

        Assert.Equal(["desk-booking", "vpn-connect"], hits.Select(h => h.Id));
    }

    [Fact]
    public async Task SearchAsync_OneReadersWords_NeverOutrankAnArticleWhoseOwnTextMatches_ManyAgreeingReadersCountMore()
    {
        HelpArticle[] articles =
        [
            Article("password-change", "Change your password", "Choose a new password in the portal."),
            Article("account-unlock", "Unlock your account", "Ask the service desk to unlock a locked account."),
            .. s_articles,
            Article("printer", "Add a printer", "Pick the printer on your floor from the list."),
            Article("expenses", "Submit expenses", "Attach the receipt and submit the claim."),
        ];
        var one = new Signals { ["account-unlock"] = new ArticleSignals { HelpfulVotes = 1, HelpfulQueries = ["reset my password"] } };
        var many = new Signals { ["account-unlock"] = new ArticleSignals { HelpfulVotes = 8, HelpfulQueries = ["reset my password"] } };
        using var byOne = Create(one, new FakeTimeProvider(), articles);
        using var byMany = Create(many, new FakeTimeProvider(), articles);

        var afterOne = (await byOne.SearchAsync(new SearchRequest { Query = "reset my password" }, Token)).Hits;
        var afterMany = (await byMany.SearchAsync(new SearchRequest { Query = "reset my password" }, Token)).Hits;

        Assert.Equal(["password-change", "account-unlock"], afterOne.Select(h => h.Id));
        Assert.Equal(["password-change", "account-unlock"], afterMany.Select(h => h.Id));
        Assert.True(afterMany[1].Score > 50 * afterOne[1].Score, "Eight readers who agree count far more than one.");
    }

    [Fact]
    public async Task SearchAsync_AsManyNoAsYesAnswers_LearnedWordsFindNothing()
    {
        var signals = new Signals { ["vpn-connect"] = new ArticleSignals { HelpfulVotes = 5, UnhelpfulVotes = 5, HelpfulQueries = ["wfh"] } };
        using var provider = Create(signals, new FakeTimeProvider(), s_articles);

        Assert.Empty((await provider.SearchAsync(new SearchRequest { Query = "wfh" }, Token)).Hits);
    }

    [Theory]
    [InlineData(1, 0, 0.01)]
    [InlineData(2, 0, 0.5)]
    [InlineData(5, 0, 16.0 / 17)]
    [InlineData(4, 2, (1.0 / 3) * (9.0 / 10))]
    [InlineData(2, 3, 0)]
    public void Trust_GrowsWithAgreeingReadersAndFallsWithNoAnswers(int yes, int no, double expected) =>
        Assert.Equal(expected, LearnedTrust.Of(new ArticleSignals { HelpfulVotes = yes, UnhelpfulVotes = no }, SearchTuning.Default.AskedHalfTrustVotes), precision: 5);

    [Fact]
    public async Task SearchAsync_LearnedAfterStart_IsSearchableAfterTheNextRefresh()
    {
        var time = new FakeTimeProvider();
        var signals = new Signals();
        using var provider = Create(signals, time, s_articles);
        Assert.Empty((await provider.SearchAsync(new SearchRequest { Query = "wfh" }, Token)).Hits);
        await provider.Signals.Refreshing;

        signals["vpn-connect"] = new ArticleSignals { HelpfulVotes = 1, HelpfulQueries = ["wfh"] };
        var reloaded = provider.NextReload;
        time.Advance(SignalCache.DefaultRefreshInterval);
        await provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token);
        await reloaded.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Equal("vpn-connect", Assert.Single((await provider.SearchAsync(new SearchRequest { Query = "wfh" }, Token)).Hits).Id);
    }

    [Fact]
    public async Task SearchAsync_LearnedQueryOfARestrictedArticle_DoesNotShowItToOthers()
    {
        var signals = new Signals { ["payroll"] = new ArticleSignals { HelpfulVotes = 3, HelpfulQueries = ["salary slip"] } };
        using var provider = Create(signals, new FakeTimeProvider(), Article("payroll", "Payroll corrections", "Correct a payment.", audiences: ["hr"]));

        Assert.Empty((await provider.SearchAsync(new SearchRequest { Query = "salary slip" }, Token)).Hits);
        var hr = await provider.SearchAsync(new SearchRequest { Query = "salary slip", User = new HelpUser { Audiences = ["hr"] } }, Token);
        Assert.Equal("payroll", Assert.Single(hr.Hits).Id);
    }

    [Fact]
    public async Task SearchAsync_HostileLearnedQueries_AreIndexedAsPlainText()
    {
        var signals = new Signals
        {
            ["vpn-connect"] = new ArticleSignals
            {
                HelpfulVotes = 4,
                HelpfulQueries = ["title:(vpn OR *", new string('x', 100_000), "<script>alert(1)</script>", "nul\u0000bell\u0007 tunnel"],
            },
        };
        using var provider = Create(signals, new FakeTimeProvider(), s_articles);

        Assert.Equal("vpn-connect", Assert.Single((await provider.SearchAsync(new SearchRequest { Query = "tunnel" }, Token)).Hits).Id);
        Assert.Equal("vpn-connect", Assert.Single((await provider.SearchAsync(new SearchRequest { Query = "script alert" }, Token)).Hits).Id);
    }

    private static LuceneKnowledgeProvider Create(Signals signals, TimeProvider time, params HelpArticle[] articles) =>
        new(new TestArticleSource(articles), NullLogger<LuceneKnowledgeProvider>.Instance, signals: signals, time: time);

    private sealed class Signals : Dictionary<string, ArticleSignals>, IArticleSignalSource
    {
        public Task<IReadOnlyDictionary<string, ArticleSignals>> GetArticleSignalsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, ArticleSignals>>(new Dictionary<string, ArticleSignals>(this));
    }
}
