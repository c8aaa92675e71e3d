using HelpWidget.Markdown;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

/// <summary>A reload writes only what changed into the existing index, in memory and on disk, and searches follow it.</summary>
public sealed class IncrementalReloadTests : IDisposable
{
    /// <summary>Generous: a reload takes milliseconds; this only keeps a broken watcher from hanging the run.</summary>
    private static readonly TimeSpan s_reloadTimeout = TimeSpan.FromSeconds(10);

    private static readonly string[] s_animals = ["aardvark", "badger", "cheetah", "dingo", "emu", "ferret", "gecko", "hyena", "ibis", "jackal", "koala", "lemur"];

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hw-incremental-");
    private readonly RecordingLogger<LuceneKnowledgeProvider> _log = new();
    private readonly List<IDisposable> _disposables = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string ArticlesFolder => Path.Combine(_root.FullName, "articles");

    private string IndexFolder => Path.Combine(_root.FullName, "index");

    public void Dispose()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            disposable.Dispose();
        }

        _root.Delete(recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reload_FilesAddedChangedAndDeleted_SearchesSeeExactlyTheNewArticles(bool onDisk)
    {
        WriteArticle("en", "alpha", "Alpha guide", "The aardvark digs.");
        WriteArticle("en", "beta", "Beta guide", "The badger sleeps.");
        WriteArticle("en", "gamma", "Gamma guide", "The cheetah runs.");
        var provider = StartOnMarkdown(onDisk);
        Assert.Equal("gamma", (await SearchAsync(provider, "cheetah")).Hits[0].Id);

        // Three file operations may reach the watcher as two reloads on a busy machine: wait until the last has been read.
        await ChangeAsync(
            provider,
            () =>
            {
                WriteArticle("en", "delta", "Delta guide", "The dingo howls.");
                WriteArticle("en", "beta", "Beta guide, revised", "The buffalo grazes.");
                File.Delete(Path.Combine(ArticlesFolder, "en", "gamma.md"));
            },
            settled: async () => (await provider.GetArticleAsync(new ArticleRequest("gamma"), Token)) is null
                && (await provider.GetArticleAsync(new ArticleRequest("beta"), Token))?.Title == "Beta guide, revised"
                && await provider.GetArticleAsync(new ArticleRequest("delta"), Token) is not null);

        Assert.Equal("delta", (await SearchAsync(provider, "dingo")).Hits[0].Id);
        var beta = Assert.Single((await SearchAsync(provider, "buffalo")).Hits);
        Assert.Equal(("beta", "Beta guide, revised"), (beta.Id, beta.Title));
        Assert.Contains("<mark>buffalo</mark>", beta.SnippetHtml, StringComparison.Ordinal);
        Assert.Empty((await SearchAsync(provider, "badger")).Hits);
        Assert.Empty((await SearchAsync(provider, "cheetah")).Hits);
        Assert.Null(await provider.GetArticleAsync(new ArticleRequest("gamma"), Token));
        Assert.Equal("alpha", (await SearchAsync(provider, "aardvark")).Hits[0].Id);
        Assert.Equal(["alpha", "beta", "delta"], (await SearchAsync(provider, "guide")).Hits.Select(h => h.Id).Order());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reload_AudienceAddedAndRemoved_FilterFollowsIt(bool onDisk)
    {
        WriteArticle("en", "open", "Open guide", "The walrus swims.");
        WriteArticle("en", "salaries", "Salary guide", "The narwhal counts.");
        var provider = StartOnMarkdown(onDisk);
        var manager = new HelpUser { Audiences = ["manager"] };
        Assert.Equal("salaries", (await SearchAsync(provider, "narwhal")).Hits[0].Id);

        await ChangeAsync(provider, () => WriteArticle("en", "salaries", "Salary guide", "The narwhal counts.", audience: "manager"));

        Assert.Empty((await SearchAsync(provider, "narwhal")).Hits);
        Assert.Equal("salaries", (await SearchAsync(provider, "narwhal", manager)).Hits[0].Id);
        Assert.Equal("open", (await SearchAsync(provider, "walrus")).Hits[0].Id);

        await ChangeAsync(provider, () => WriteArticle("en", "salaries", "Salary guide", "The narwhal counts."));

        Assert.Equal("salaries", (await SearchAsync(provider, "narwhal")).Hits[0].Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reload_ManySingleChanges_EveryArticleKeepsItsHitsAndSnippets(bool onDisk)
    {
        var source = new TestArticleSource([.. s_animals.Select((animal, i) => Animal(i, round: 0))]);
        var provider = Start(source, onDisk);
        foreach (var animal in s_animals)
        {
            // Prepares each article's snippet text in the first index.
            Assert.Single((await SearchAsync(provider, animal)).Hits);
        }

        // Enough new segments that the index merges some of them, which renumbers documents.
        var rounds = new int[s_animals.Length];
        for (var change = 1; change <= 30; change++)
        {
            var changed = change * 5 % s_animals.Length;
            rounds[changed] = change;
            var reload = provider.NextReload;
            source.Change([.. s_animals.Select((_, i) => Animal(i, rounds[i]))]);
            await reload.WaitAsync(s_reloadTimeout, Token);
        }

        for (var i = 0; i < s_animals.Length; i++)
        {
            var hit = Assert.Single((await SearchAsync(provider, s_animals[i])).Hits);
            Assert.Equal(($"a{i}", $"Guide {i} round {rounds[i]}"), (hit.Id, hit.Title));
            Assert.Contains($"<mark>{s_animals[i]}</mark> in round {rounds[i]}", hit.SnippetHtml, StringComparison.Ordinal);
        }

        Assert.Empty(_log.Of("UpdateFailed"));
    }

    [Fact]
    public async Task Reload_SourceReturnsNewObjects_OnlyArticlesWithNewContentAreWritten()
    {
        var source = new TestArticleSource([.. s_animals.Select((_, i) => Animal(i, round: 0))]);
        var provider = Start(source, onDisk: false);
        await provider.EnsureIndexAsync(Token);

        var reload = provider.NextReload;
        source.Change([.. s_animals.Select((_, i) => Animal(i, round: i == 3 ? 1 : 0)).Where((_, i) => i != 5).Append(Article("new", "New guide", "The newt."))]);
        await reload.WaitAsync(s_reloadTimeout, Token);

        var update = Assert.Single(_log.Of("Updated"));
        Assert.Equal((1, 1, 1), ((int)update["Added"]!, (int)update["Changed"]!, (int)update["Removed"]!));
        Assert.Equal("Guide 3 round 1", (await SearchAsync(provider, s_animals[3])).Hits[0].Title);
        Assert.Empty((await SearchAsync(provider, s_animals[5])).Hits);
        Assert.Equal("new", (await SearchAsync(provider, "newt")).Hits[0].Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SearchStartedBeforeAReload_FinishesOnTheArticlesItStartedWith(bool onDisk)
    {
        var source = new TestArticleSource(
            Article("plan", "Staff plan", "The alpha plan for the staff.", audiences: ["staff"]),
            Article("other", "Other guide", "The bravo guide."));
        var provider = Start(source, onDisk);
        await provider.EnsureIndexAsync(Token);
        var gate = new GatedAudiences("staff");
        _disposables.Add(gate);

        // Reads the audiences after taking the index, so it waits holding the index as it was.
        var held = Task.Run(() => provider.SearchAsync(new SearchRequest { Query = "alpha ", User = new HelpUser { Audiences = gate } }, Token), Token);
        await gate.Entered.WaitAsync(s_reloadTimeout, Token);
        var reload = provider.NextReload;
        source.Change(
            Article("plan", "Staff plan, revised", "The omega plan for the staff.", audiences: ["staff"]),
            Article("third", "Third guide", "The charlie guide."));
        await reload.WaitAsync(s_reloadTimeout, Token);

        var staff = new HelpUser { Audiences = ["staff"] };
        Assert.Empty((await SearchAsync(provider, "alpha", staff)).Hits);
        Assert.Equal("Staff plan, revised", (await SearchAsync(provider, "omega", staff)).Hits[0].Title);
        Assert.Empty((await SearchAsync(provider, "bravo")).Hits);

        gate.Open();
        var old = Assert.Single((await held.WaitAsync(s_reloadTimeout, Token)).Hits);
        Assert.Equal(("plan", "Staff plan"), (old.Id, old.Title));
        Assert.Contains("<mark>alpha</mark>", old.SnippetHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reload_LanguageAddedThenRemoved_SearchesFollow(bool onDisk)
    {
        WriteArticle("en", "vpn", "Connect to the VPN", "Start the client.");
        var provider = StartOnMarkdown(onDisk);
        Assert.Equal("en", (await SearchAsync(provider, "vpn", language: "sv")).Hits[0].Language);

        await ChangeAsync(provider, () => WriteArticle("sv", "vpn", "Anslut till VPN", "Starta klienten."));

        var swedish = (await SearchAsync(provider, "klienten", language: "sv")).Hits[0];
        Assert.Equal(("vpn", "sv"), (swedish.Id, swedish.Language));
        Assert.Equal(onDisk ? 2 : 0, IndexFolders().Length);

        await ChangeAsync(provider, () => Directory.Delete(Path.Combine(ArticlesFolder, "sv"), recursive: true));

        Assert.Equal("en", (await SearchAsync(provider, "vpn", language: "sv")).Hits[0].Language);
        Assert.All((await SearchAsync(provider, "klienten", language: "sv")).Hits, hit => Assert.Equal("en", hit.Language));
        Assert.Equal(onDisk ? 1 : 0, IndexFolders().Length);
    }

    [Fact]
    public async Task Reload_WriterFails_LanguageIsBuiltAgainAndTheFailureLogged()
    {
        WriteArticle("en", "vpn", "Connect to the VPN", "Start the client.");
        var provider = StartOnMarkdown(onDisk: true);
        await provider.EnsureIndexAsync(Token);
        var broken = Path.Combine(Assert.Single(IndexFolders()), "en");

        // The index's folder replaced by a file: the writer cannot write the next segment.
        Directory.Delete(broken, recursive: true);
        await File.WriteAllTextAsync(broken, "not a folder", Token);
        await ChangeAsync(provider, () => WriteArticle("en", "printer", "Add a printer", "Printers."));

        Assert.Equal("printer", (await SearchAsync(provider, "printer")).Hits[0].Id);
        Assert.Equal("vpn", (await SearchAsync(provider, "vpn")).Hits[0].Id);
        Assert.Equal("en", Assert.Single(_log.Of("UpdateFailed"))["Language"]);
        Assert.DoesNotContain(Path.GetDirectoryName(broken), IndexFolders());
    }

    [Fact]
    public async Task Reload_DuplicateIdsInOneLanguage_FirstIsIndexedAndUpdatesStayConsistent()
    {
        var source = new TestArticleSource(Article("a", "First", "The ocelot."), Article("a", "Second", "The ocelot twin."));
        var provider = Start(source, onDisk: false);
        Assert.Equal("First", Assert.Single((await SearchAsync(provider, "ocelot")).Hits).Title);

        var reload = provider.NextReload;
        source.Change(Article("a", "Second", "The ocelot twin."), Article("a", "First", "The ocelot."), Article("b", "Other", "The ocelot cousin."));
        await reload.WaitAsync(s_reloadTimeout, Token);

        Assert.Equal(["Other", "Second"], (await SearchAsync(provider, "ocelot")).Hits.Select(h => h.Title).Order());
        Assert.Empty(_log.Of("UpdateFailed"));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("..")]
    [InlineData("{root}/outside")]
    [InlineData("")]
    [InlineData("en\u0000")]
    public async Task IndexOnDisk_LanguageThatIsNoTag_StaysInsideItsIndexFolder(string language)
    {
        language = language.Replace("{root}", _root.FullName, StringComparison.Ordinal);
        var source = new TestArticleSource(Article("vpn", "Connect to the VPN", "Start the client."), Article("odd", "Odd guide", "The quetzal.", language: language));
        var provider = Start(source, onDisk: true);
        await provider.EnsureIndexAsync(Token);

        Assert.Equal("vpn", (await SearchAsync(provider, "vpn")).Hits[0].Id);
        Assert.Equal(["index"], _root.GetDirectories().Select(d => d.Name));
        Assert.Empty(Directory.GetFiles(IndexFolder));
        Assert.All(IndexFolders(), folder => Assert.Single(Directory.GetDirectories(folder)));
        Assert.Equal(2, IndexFolders().Count(folder => Path.GetFileName(folder).StartsWith("index-", StringComparison.Ordinal)));

        var reload = provider.NextReload;
        source.Change(Article("vpn", "Connect to the VPN", "Start the client."));
        await reload.WaitAsync(s_reloadTimeout, Token);

        Assert.Single(IndexFolders());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ArticleWithATermLuceneCannotHold_IsSkippedWithAWarningAndTheRestIsSearchable(bool onDisk)
    {
        var immense = "/" + new string('x', 40_000);
        var source = new TestArticleSource(Article("huge", "Huge guide", "The quokka.", contexts: [immense]), Article("vpn", "Connect to the VPN", "Start the client."));
        var provider = Start(source, onDisk);

        Assert.Equal("vpn", (await SearchAsync(provider, "vpn")).Hits[0].Id);
        Assert.Empty((await SearchAsync(provider, "quokka")).Hits);
        Assert.Equal("huge", Assert.Single(_log.Of("ArticleNotIndexed"))["Id"]);

        var reload = provider.NextReload;
        source.Change(Article("huge", "Huge guide", "The quokka again.", contexts: [immense]), Article("vpn", "Connect to the VPN", "Start the client."), Article("new", "New guide", "The numbat."));
        await reload.WaitAsync(s_reloadTimeout, Token);

        Assert.Equal("new", (await SearchAsync(provider, "numbat")).Hits[0].Id);
        Assert.Empty((await SearchAsync(provider, "quokka")).Hits);

        reload = provider.NextReload;
        source.Change(Article("huge", "Huge guide", "The quokka at last.", contexts: ["/fixed"]), Article("vpn", "Connect to the VPN", "Start the client."));
        await reload.WaitAsync(s_reloadTimeout, Token);

        Assert.Equal("huge", (await SearchAsync(provider, "quokka")).Hits[0].Id);

        reload = provider.NextReload;
        source.Change(Article("huge", "Huge guide", "The quokka once more.", contexts: [immense]), Article("vpn", "Connect to the VPN", "Start the client."));
        await reload.WaitAsync(s_reloadTimeout, Token);

        // The version before the refused one is not shown either.
        Assert.Empty((await SearchAsync(provider, "quokka")).Hits);
        Assert.Equal("vpn", (await SearchAsync(provider, "vpn")).Hits[0].Id);
        Assert.Empty(_log.Of("UpdateFailed"));
    }

    private static HelpArticle Animal(int i, int round) => Article($"a{i}", $"Guide {i} round {round}", $"The {s_animals[i]} in round {round}.");

    private static Task<SearchResults> SearchAsync(LuceneKnowledgeProvider provider, string query, HelpUser? user = null, string? language = null) =>
        provider.SearchAsync(new SearchRequest { Query = query + " ", User = user ?? HelpUser.Anonymous, Language = language }, Token);

    /// <summary>
    /// Makes a change and waits for the reload it causes; with <paramref name="settled"/>, for further reloads until it
    /// holds (a change of several files may be read in more than one reload).
    /// </summary>
    private static async Task ChangeAsync(LuceneKnowledgeProvider provider, Action change, Func<Task<bool>>? settled = null)
    {
        var deadline = DateTime.UtcNow + s_reloadTimeout;
        var reload = provider.NextReload;
        change();
        await reload.WaitAsync(s_reloadTimeout, Token);
        while (settled is not null)
        {
            // Taken before the check, so that a reload finishing between the two is not missed.
            var next = provider.NextReload;
            if (await settled())
            {
                return;
            }

            var remaining = deadline - DateTime.UtcNow;
            Assert.True(remaining > TimeSpan.Zero, "The reloads did not bring in the whole change in time.");
            await next.WaitAsync(remaining, Token);
        }
    }

    private LuceneKnowledgeProvider StartOnMarkdown(bool onDisk)
    {
        var source = new MarkdownArticleSource(Options.Create(new MarkdownContentOptions { ArticlesPath = ArticlesFolder }), NullLogger<MarkdownArticleSource>.Instance);
        _disposables.Add(source);
        return Start(source, onDisk);
    }

    private LuceneKnowledgeProvider Start(IArticleSource source, bool onDisk)
    {
        var provider = new LuceneKnowledgeProvider(
            source,
            _log,
            Options.Create(new LuceneSearchOptions { IndexPath = onDisk ? IndexFolder : null, SynonymsPath = Path.Combine(ArticlesFolder, "synonyms") }));
        _disposables.Add(provider);
        return provider;
    }

    private string[] IndexFolders() => Directory.Exists(IndexFolder) ? Directory.GetDirectories(IndexFolder) : [];

    private void WriteArticle(string language, string id, string title, string text, string? audience = null)
    {
        var path = Path.Combine(ArticlesFolder, language, id + ".md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var audienceLine = audience is null ? string.Empty : $"audience: {audience}\n";
        File.WriteAllText(path, $"---\nid: {id}\nlanguage: {language}\ntitle: {title}\n{audienceLine}---\n{text}\n");
    }
}
