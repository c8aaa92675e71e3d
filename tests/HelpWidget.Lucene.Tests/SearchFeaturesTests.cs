using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

public sealed class SearchFeaturesTests : IDisposable
{
    private static readonly HelpArticle[] s_articles =
    [
        Article("password-reset", "Byt ditt lösenord", "Öppna lösenordsportalen och välj ett nytt lösenord.", language: "sv"),
        Article("leave", "Ansök om semester", "Semester ansöker du om i intranätet.", language: "sv"),
        Article("password-reset", "Reset your password", "Open the password portal and choose a new password."),
        Article("vpn-connect", "Connect to the VPN", "Start the VPN client and sign in."),
        Article("printer", "Add a printer", "Printers are added from the print portal."),
    ];

    private readonly DirectoryInfo _synonyms = Directory.CreateTempSubdirectory("hw-synonyms-");
    private readonly LuceneKnowledgeProvider _provider;

    public SearchFeaturesTests()
    {
        File.WriteAllLines(Path.Combine(_synonyms.FullName, "en.txt"), ["# comment", "password, pwd, passcode", "only-one-member", "out of office, oof"]);
        File.WriteAllLines(Path.Combine(_synonyms.FullName, "sv.txt"), ["lösenord, pwd"]);
        _provider = new LuceneKnowledgeProvider(
            new TestArticleSource(s_articles),
            NullLogger<LuceneKnowledgeProvider>.Instance,
            Options.Create(new LuceneSearchOptions { SynonymsPath = _synonyms.FullName }));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _provider.Dispose();
        _synonyms.Delete(recursive: true);
    }

    [Theory]
    [InlineData("losenord")]
    [InlineData("LÖSENORD")]
    [InlineData("lösenordet")]
    [InlineData("losenordsbyte")]
    public async Task SearchAsync_SwedishWithoutDiacriticsOrInAnotherForm_FindsTheArticle(string query)
    {
        var results = await _provider.SearchAsync(new SearchRequest { Query = query + " ", Language = "sv" }, Token);

        Assert.Equal("password-reset", Assert.Single(results.Hits.Take(1)).Id);
    }

    [Theory]
    [InlineData("en", "pwd ", "password-reset")]
    [InlineData("en", "forgot my passcode", "password-reset")]
    [InlineData("sv", "pwd ", "password-reset")]
    public async Task SearchAsync_SynonymFromTheEditorsFile_FindsTheArticle(string language, string query, string expected)
    {
        var results = await _provider.SearchAsync(new SearchRequest { Query = query, Language = language }, Token);

        Assert.Equal(expected, results.Hits[0].Id);
    }

    [Fact]
    public async Task SearchAsync_NothingFoundButACloseSpellingWould_SuggestsIt()
    {
        var results = await _provider.SearchAsync(new SearchRequest { Query = "vpm " }, Token);

        Assert.Empty(results.Hits);
        Assert.Equal("vpn", results.DidYouMean);
    }

    [Fact]
    public async Task SearchAsync_NothingCloseExists_SuggestsNothing()
    {
        var results = await _provider.SearchAsync(new SearchRequest { Query = "zzzqqq xkcd " }, Token);

        Assert.Empty(results.Hits);
        Assert.Null(results.DidYouMean);
    }

    [Fact]
    public async Task SearchAsync_TypoInLongWord_RanksTheMeantArticleFirst()
    {
        var results = await _provider.SearchAsync(new SearchRequest { Query = "pasword portl " }, Token);

        Assert.Equal("password-reset", results.Hits[0].Id);
    }

    [Fact]
    public async Task SearchAsync_WordInThousandsOfSynonymGroups_StillAnswers()
    {
        File.WriteAllLines(Path.Combine(_synonyms.FullName, "en.txt"), Enumerable.Range(0, 5000).Select(i => $"vpn, tunnel{i}, remote{i}"));
        using var provider = new LuceneKnowledgeProvider(
            new TestArticleSource(s_articles),
            NullLogger<LuceneKnowledgeProvider>.Instance,
            Options.Create(new LuceneSearchOptions { SynonymsPath = _synonyms.FullName }));

        var results = await provider.SearchAsync(new SearchRequest { Query = "vpn vpn vpn " }, Token);

        Assert.Equal("vpn-connect", results.Hits[0].Id);
    }

    [Fact]
    public void SynonymsParse_BadLines_AreReportedAndSkipped()
    {
        var problems = new List<int>();

        var synonyms = Synonyms.Parse(["a, b", "lonely", "", "# note", "c,,d"], m => m.Split(' ', StringSplitOptions.RemoveEmptyEntries), (line, _) => problems.Add(line));

        Assert.Equal([2], problems);
        Assert.Equal(["b"], synonyms.Expansions(["a"]).Single().Select(m => m[0]));
        Assert.Equal(["c"], synonyms.Expansions(["d"]).Single().Select(m => m[0]));
    }

    [Fact]
    public void SynonymsExpansions_MultiWordMember_MatchesOnlyTheWholeSequence()
    {
        var synonyms = Synonyms.Parse(["out of office, oof"], m => m.Split(' '));

        Assert.Equal(["oof"], synonyms.Expansions(["set", "out", "of", "office"]).Single().Select(m => string.Join(' ', m)));
        Assert.Empty(synonyms.Expansions(["out", "of", "paper"]));
    }

    [Theory]
    [InlineData("password", "password", 0)]
    [InlineData("pasword", "password", 1)]
    [InlineData("passwrod", "password", 1)]
    [InlineData("psaswrod", "password", 2)]
    [InlineData("vpn", "printer", 3)]
    public void Distance_CountsEditsWithTranspositions(string a, string b, int expected) =>
        Assert.Equal(expected, Vocabulary.Distance(a, b, max: 2) is var d && d > 2 ? 3 : d);
}
