using HelpWidget.Markdown;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static HelpWidget.Testing.TestArticles;

namespace HelpWidget.Lucene.Tests;

/// <summary>Changed, added and deleted Markdown files become searchable without a restart.</summary>
public sealed class LiveReloadTests : IDisposable
{
    /// <summary>Generous: a reload takes milliseconds; this only keeps a broken watcher from hanging the run.</summary>
    private static readonly TimeSpan s_reloadTimeout = TimeSpan.FromSeconds(10);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hw-live-");
    private readonly MarkdownArticleSource _source;
    private readonly LuceneKnowledgeProvider _provider;

    public LiveReloadTests()
    {
        Write("en/vpn.md", "---\nid: vpn\ntitle: Connect to the VPN\n---\nStart the client.");
        _source = new MarkdownArticleSource(Options.Create(new MarkdownContentOptions { ArticlesPath = _root.FullName }), NullLogger<MarkdownArticleSource>.Instance);
        _provider = new LuceneKnowledgeProvider(
            _source,
            NullLogger<LuceneKnowledgeProvider>.Instance,
            Options.Create(new LuceneSearchOptions { SynonymsPath = Path.Combine(_root.FullName, "synonyms") }));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _provider.Dispose();
        _source.Dispose();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task FileAddedChangedAndDeleted_IsSearchableAccordinglyWithoutRestart()
    {
        Assert.Empty((await SearchAsync("zebra")).Hits);

        await ChangeAsync(() => Write("en/zebra.md", "---\nid: zebra\ntitle: Zebra crossings\n---\nStripes."));
        Assert.Equal("Zebra crossings", (await SearchAsync("zebra")).Hits[0].Title);

        await ChangeAsync(() => Write("en/zebra.md", "---\nid: zebra\ntitle: Zebra printers\n---\nStripes."));
        Assert.Equal("Zebra printers", (await SearchAsync("zebra")).Hits[0].Title);

        await ChangeAsync(() => File.Delete(Path.Combine(_root.FullName, "en", "zebra.md")));
        Assert.Empty((await SearchAsync("zebra")).Hits);
        Assert.Equal("vpn", (await SearchAsync("vpn")).Hits[0].Id);
    }

    [Fact]
    public async Task SynonymFileChanged_IsUsedWithoutRestart()
    {
        Assert.Empty((await SearchAsync("tunnel")).Hits);

        await ChangeAsync(() => Write("synonyms/en.txt", "vpn, tunnel"));

        Assert.Equal("vpn", (await SearchAsync("tunnel")).Hits[0].Id);
    }

    [Fact]
    public async Task SearchesDuringReloads_AllAnswer()
    {
        var source = new TestArticleSource(Article("a", "Alpha guide", "alpha"));
        using var provider = new LuceneKnowledgeProvider(source, NullLogger<LuceneKnowledgeProvider>.Instance);
        await provider.EnsureIndexAsync(Token);

        var searches = Task.Run(async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                Assert.Single((await provider.SearchAsync(new SearchRequest { Query = "guide" }, Token)).Hits);
            }
        }, Token);
        for (var i = 0; i < 20; i++)
        {
            var reload = provider.NextReload;
            source.Change(Article(i % 2 == 0 ? "b" : "a", "Beta guide", "beta"));
            await reload.WaitAsync(s_reloadTimeout, Token);
        }

        await searches;
        var last = provider.NextReload;
        source.Change(Article("final", "Final guide", "final"));
        await last.WaitAsync(s_reloadTimeout, Token);
        Assert.Equal("final", (await provider.SearchAsync(new SearchRequest { Query = "guide" }, Token)).Hits[0].Id);
    }

    [Fact]
    public async Task IndexOnDisk_AnswersAndIsUpdatedInPlace()
    {
        var folder = Path.Combine(_root.FullName, "index");
        Directory.CreateDirectory(Path.Combine(folder, "index-000001-1"));
        var source = new TestArticleSource(Article("vpn", "Connect to the VPN", "Start the client."));
        var provider = new LuceneKnowledgeProvider(
            source,
            NullLogger<LuceneKnowledgeProvider>.Instance,
            Options.Create(new LuceneSearchOptions { IndexPath = folder }));

        Assert.Equal("vpn", (await provider.SearchAsync(new SearchRequest { Query = "vpn" }, Token)).Hits[0].Id);
        var first = Assert.Single(Directory.GetDirectories(folder));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(first, "en")));

        var reload = provider.NextReload;
        source.Change(Article("printer", "Add a printer", "Printers."));
        await reload.WaitAsync(s_reloadTimeout, Token);

        Assert.Equal("printer", (await provider.SearchAsync(new SearchRequest { Query = "printer" }, Token)).Hits[0].Id);
        Assert.Equal(first, Assert.Single(Directory.GetDirectories(folder)));

        provider.Dispose();
        Assert.Empty(Directory.GetDirectories(folder));
    }

    private Task<SearchResults> SearchAsync(string query) => _provider.SearchAsync(new SearchRequest { Query = query + " " }, Token);

    private async Task ChangeAsync(Action change)
    {
        var reload = _provider.NextReload;
        change();
        await reload.WaitAsync(s_reloadTimeout, Token);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
