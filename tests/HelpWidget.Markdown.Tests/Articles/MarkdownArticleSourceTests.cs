using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Markdown.Tests;

public sealed class MarkdownArticleSourceTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hw-articles-");
    private readonly RecordingLogger<MarkdownArticleSource> _logger = new();

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task LoadArticlesAsync_ReadsLanguageFolders_AndSkipsBadFilesWithAWarning()
    {
        Write("en/vpn.md", "---\nid: vpn\ntitle: VPN\n---\nConnect.");
        Write("sv/vpn.md", "---\nid: vpn\ntitle: VPN\n---\nAnslut.");
        Write("en/broken.md", "---\ntitle: [oops\n---\nBody");
        Write("en/notes.txt", "not markdown");

        var articles = await CreateSource().LoadArticlesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["en", "sv"], articles.Select(a => a.Language).Order());
        Assert.Contains(_logger.Messages, m => m.Contains("broken.md", StringComparison.Ordinal) && m.Contains("YAML", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadArticlesAsync_ProblemsTheLinterFinds_AreLoggedWithFileLineAndCode()
    {
        Write("areas.yml", "areas:\n  - id: basics\n    title: Basics\n");
        Write("en/a.md", "---\nid: a\narea: basics\nrelated: [gone]\n---\nBody");

        var articles = await CreateSource().LoadArticlesAsync(TestContext.Current.CancellationToken);

        Assert.Equal("basics", Assert.Single(articles).Area);
        var expected = (await KnowledgeBaseLinter.LintAsync(_root.FullName, cancellationToken: TestContext.Current.CancellationToken)).Problems;
        Assert.Equal(2, expected.Count);
        foreach (var problem in expected)
        {
            Assert.Contains($"Knowledge base {problem}", _logger.Messages);
        }

        Assert.Contains((LogLevel.Information, "Knowledge base en/a.md:4: error HW2002: 'related' names 'gone', which no article has as its id."), _logger.Entries);
        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task LoadArticlesAsync_ContentLeftOut_IsAWarning()
    {
        Write("en/a.md", "---\nid: a\n---\nA");
        Write("en/b.md", "---\nid: a\n---\nB");

        await CreateSource().LoadArticlesAsync(TestContext.Current.CancellationToken);

        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Knowledge base en/b.md:2: error HW2001:", StringComparison.Ordinal));
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("the checks found 1 errors and 0 warnings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadArticlesAsync_DuplicateIdInOneLanguage_KeepsTheFirst()
    {
        Write("en/a.md", "---\nid: same\ntitle: First\n---\nA");
        Write("en/b.md", "---\nid: same\ntitle: Second\n---\nB");

        var articles = await CreateSource().LoadArticlesAsync(TestContext.Current.CancellationToken);

        var article = Assert.Single(articles);
        Assert.Equal("First", article.Title);
        Assert.Contains(_logger.Messages, m => m.Contains("defined twice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadArticlesAsync_FileLargerThanLimit_IsSkipped()
    {
        Write("en/big.md", "---\nid: big\n---\n" + new string('x', 5000));

        var articles = await CreateSource(o => o.MaxArticleBytes = 1024).LoadArticlesAsync(TestContext.Current.CancellationToken);

        Assert.Empty(articles);
        Assert.Contains(_logger.Messages, m => m.Contains("MaxArticleBytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadArticlesAsync_SymbolicLinkOutsideTheFolder_IsNotFollowed()
    {
        var outside = Directory.CreateTempSubdirectory("hw-outside-");
        try
        {
            File.WriteAllText(Path.Combine(outside.FullName, "secret.md"), "---\nid: secret\n---\nSecret");
            Directory.CreateDirectory(Path.Combine(_root.FullName, "en"));
            Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "en", "linked"), outside.FullName);
            File.CreateSymbolicLink(Path.Combine(_root.FullName, "en", "secret-link.md"), Path.Combine(outside.FullName, "secret.md"));
            Write("en/ok.md", "---\nid: ok\n---\nOk");

            var articles = await CreateSource().LoadArticlesAsync(TestContext.Current.CancellationToken);

            Assert.Equal(["ok"], articles.Select(a => a.Id));
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task LoadArticlesAsync_MissingFolder_ReturnsNoArticlesAndWarns()
    {
        var articles = await CreateSource(o => o.ArticlesPath = Path.Combine(_root.FullName, "missing")).LoadArticlesAsync(TestContext.Current.CancellationToken);

        Assert.Empty(articles);
        Assert.Contains(_logger.Messages, m => m.Contains("does not exist", StringComparison.Ordinal));
    }

    private MarkdownArticleSource CreateSource(Action<MarkdownContentOptions>? configure = null)
    {
        var options = new MarkdownContentOptions { ArticlesPath = _root.FullName };
        configure?.Invoke(options);
        return new MarkdownArticleSource(Options.Create(options), _logger);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}

internal sealed class RecordingLogger<T> : ILogger<T>
{
    public List<string> Messages { get; } = [];

    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Messages.Add(formatter(state, exception));
        Entries.Add((logLevel, formatter(state, exception)));
    }
}
