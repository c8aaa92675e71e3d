using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Testing;

/// <summary>
/// The behaviour every <see cref="IArticleSignalSource"/> that reads the answers an <see cref="IHelpStore"/> keeps must
/// have: votes counted per article, an answer with an id counted once with its last value, searches learned normalised,
/// most frequent first, only where "Yes" outnumbers "No", and at most 20 per article.
/// </summary>
/// <remarks>
/// A store's test class derives from it and overrides <see cref="StoreConformanceTests.AddStoreAsync"/>; the store
/// resolves as <see cref="IHelpStore"/> and <see cref="IArticleSignalSource"/>.
/// </remarks>
public abstract class ArticleSignalSourceConformanceTests : StoreConformanceTests
{
    /// <summary>Gets the store of the instance every test starts with.</summary>
    protected IHelpStore Store { get; private set; } = default!;

    /// <summary>Gets the signal source of the instance every test starts with.</summary>
    protected IArticleSignalSource Signals { get; private set; } = default!;

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var services = await StartInstanceAsync();
        (Store, Signals) = (services.GetRequiredService<IHelpStore>(), services.GetRequiredService<IArticleSignalSource>());
    }

#pragma warning disable CS1591 // Each test is documented by its name (Method_Scenario_Expectation), which is what a test runner reports.
    [Fact]
    public async Task GetArticleSignalsAsync_NoAnswers_IsEmpty() =>
        Assert.Empty(await Signals.GetArticleSignalsAsync(Token));

    [Fact]
    public async Task GetArticleSignalsAsync_CountsAnswersPerArticleInEveryLanguage()
    {
        foreach (var (article, language, helpful) in new[] { ("vpn", "en", true), ("vpn", "sv", true), ("vpn", "en", false), ("printer", "en", false) })
        {
            await SaveAsync(article, helpful, language: language);
        }

        var signals = await Signals.GetArticleSignalsAsync(Token);

        Assert.Equal(["printer", "vpn"], signals.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((2, 1), (signals["vpn"].HelpfulVotes, signals["vpn"].UnhelpfulVotes));
        Assert.Equal((0, 1), (signals["printer"].HelpfulVotes, signals["printer"].UnhelpfulVotes));
    }

    [Fact]
    public async Task SaveFeedbackAsync_SameAnswerIdAgain_UpdatesTheAnswerInsteadOfCountingTwice()
    {
        await SaveAsync("vpn", helpful: false, id: "f1");
        await SaveAsync("vpn", helpful: false, id: "f1", reason: "missing-steps", comment: "Step 3 is gone.");
        await SaveAsync("vpn", helpful: true, id: "f2");
        await SaveAsync("vpn", helpful: false, id: "f2");

        var vpn = (await Signals.GetArticleSignalsAsync(Token))["vpn"];

        Assert.Equal((0, 2), (vpn.HelpfulVotes, vpn.UnhelpfulVotes));
    }

    [Fact]
    public async Task GetArticleSignalsAsync_AnswersSavedOnAnotherInstance_AreCounted()
    {
        var other = (await StartInstanceAsync()).GetRequiredService<IHelpStore>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(
            () => (i % 2 == 0 ? Store : other).SaveFeedbackAsync(new ArticleFeedback { FeedbackId = $"f{i}", ArticleId = "vpn", Language = "en", Helpful = i % 4 == 0, CreatedAt = Start }, Token),
            Token)));

        var vpn = (await Signals.GetArticleSignalsAsync(Token))["vpn"];
        Assert.Equal((5, 15), (vpn.HelpfulVotes, vpn.UnhelpfulVotes));
    }

    [Fact]
    public async Task HelpfulQueries_AreNormalisedAndMostFrequentFirst()
    {
        string?[] asked = ["Work from HOME", "work  from home ", "  connect   vpn", "WORK FROM home", null, "   "];
        foreach (var query in asked)
        {
            await SaveAsync("vpn", helpful: true, query: query);
        }

        var signals = await Signals.GetArticleSignalsAsync(Token);

        Assert.Equal(["work from home", "connect vpn"], signals["vpn"].HelpfulQueries);
        Assert.Equal(6, signals["vpn"].HelpfulVotes);
    }

    [Fact]
    public async Task HelpfulQueries_QueryWithAsManyNoAsYes_IsNotLearned()
    {
        await SaveAsync("vpn", helpful: true, query: "printer jam");
        await SaveAsync("vpn", helpful: false, query: "Printer jam");
        await SaveAsync("vpn", helpful: true, query: "vpn");
        await SaveAsync("printer", helpful: true, query: "printer jam");

        var signals = await Signals.GetArticleSignalsAsync(Token);

        Assert.Equal(["vpn"], signals["vpn"].HelpfulQueries);
        Assert.Equal(["printer jam"], signals["printer"].HelpfulQueries);
    }

    [Fact]
    public async Task HelpfulQueries_Many_KeepsTheTwentyMostFrequent()
    {
        for (var i = 0; i < 25; i++)
        {
            for (var repeat = 0; repeat <= i % 3; repeat++)
            {
                await SaveAsync("vpn", helpful: true, query: $"question {i}");
            }
        }

        var learned = (await Signals.GetArticleSignalsAsync(Token))["vpn"].HelpfulQueries;

        Assert.Equal(20, learned.Count);
        Assert.Equal(20, learned.Distinct(StringComparer.Ordinal).Count());
        var counts = learned.Select(query => int.Parse(query["question ".Length..], CultureInfo.InvariantCulture) % 3 + 1).ToList();
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.Equal(8, counts.Count(c => c == 3));
    }

    [Fact]
    public async Task HelpfulQueries_ScriptAndQuerySyntax_AreKeptAsText()
    {
        const string Query = "<script>alert(1)</script> ' or 1=1 -- title:vpn*";

        await SaveAsync("vpn", helpful: true, query: Query);

        Assert.Equal([Query], (await Signals.GetArticleSignalsAsync(Token))["vpn"].HelpfulQueries);
    }
#pragma warning restore CS1591

    private Task SaveAsync(string article, bool helpful, string language = "en", string? id = null, string? query = null, string? reason = null, string? comment = null) =>
        Store.SaveFeedbackAsync(
            new ArticleFeedback { FeedbackId = id, ArticleId = article, Language = language, Helpful = helpful, Query = query, Reason = reason, Comment = comment, CreatedAt = Time.GetUtcNow() },
            Token);
}
