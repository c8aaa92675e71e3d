using System.Text.Json;
using HelpWidget.Markdown;
using HelpWidget.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Tool.Tests;

public sealed class GapTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("hw-gaps-");

    private string Database => Path.Combine(_work.FullName, "helpwidget.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _work.Delete(recursive: true);
    }

    [Fact]
    public async Task Gaps_InsightsDatabase_ListsSearchesWithoutAnswerMostFrequentFirst()
    {
        await RecordAsync(("vpn token expired", "en", "/profile", 3), ("skrivare offline", "sv", null, 1), ("article-1", "en", "/", 2));
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "gaps", ".", "--insights", Database, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var gaps = json.RootElement.EnumerateArray().Select(g => $"{g.GetProperty("query").GetString()}|{g.GetProperty("language").GetString()}|{g.GetProperty("noResults").GetInt32()}|{g.GetProperty("addressed").GetBoolean()}").ToList();
        Assert.Equal(["vpn token expired|en|3|False", "article-1|en|2|True", "skrivare offline|sv|1|False"], gaps);
    }

    [Fact]
    public async Task NewFromGap_WithInsights_WritesTheDraftInTheGapsLanguageWithItsPageAndArea()
    {
        await RecordAsync(("skrivare offline", "sv", "/print", 2));
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--from-gap", "skrivare offline", "--insights", Database, "--area", "basics");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Wrote ./sv/skrivare-offline.md (id 'skrivare-offline').", result.Output, StringComparison.Ordinal);
        var report = await KnowledgeBaseLinter.LintAsync(folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        var article = Assert.Single(report.Articles, a => a.Id == "skrivare-offline");
        Assert.Equal(("sv", "Skrivare offline", "basics"), (article.Language, article.Title, article.Area));
        Assert.Equal(["/print"], article.Contexts);
        Assert.DoesNotContain(report.Problems, p => p.File == "sv/skrivare-offline.md" && p.Severity == ContentProblemSeverity.Error);

        var again = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--from-gap", "skrivare offline", "--insights", Database);
        Assert.Equal(3, again.ExitCode);
    }

    [Fact]
    public async Task NewFromGap_SearchThatIsNoGap_IsRefused()
    {
        await RecordAsync(("vpn token expired", "en", null, 1));
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--from-gap", "something else", "--insights", Database);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("\"something else\" is not a content gap of the last 90 days", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewFromGap_HostileSearchWithoutDatabase_CannotChangeTheFrontMatter()
    {
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--from-gap", "x\"\nid: hijack\n---\n<script>alert(1)</script>", "--language", "en");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = await KnowledgeBaseLinter.LintAsync(folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.DoesNotContain(report.Articles, a => a.Id == "hijack");
        Assert.DoesNotContain(report.Problems, p => p.Code is ContentProblemCodes.FrontMatter or ContentProblemCodes.HtmlRemoved);
    }

    [Theory]
    [InlineData("missing.db", "does not exist")]
    [InlineData("not-a-database.db", "is not a HelpWidget insights database")]
    public async Task Gaps_BadDatabase_ExplainsAndExitsTwoWithoutCreatingOne(string file, string message)
    {
        File.WriteAllText(Path.Combine(_work.FullName, "not-a-database.db"), "plain text, not SQLite");
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "gaps", ".", "--insights", Path.Combine(_work.FullName, file));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_work.FullName, "missing.db")));
    }

    [Fact]
    public async Task Gaps_DaysOutOfRange_IsRefused()
    {
        await RecordAsync(("vpn", "en", null, 1));
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "gaps", ".", "--insights", Database, "--days", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--days must be from 1 to 3660, not 0.", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Writes searches without results to a SQLite insights database through the store the app uses.</summary>
    private async Task RecordAsync(params (string Query, string Language, string? Route, int Times)[] searches)
    {
        var services = new ServiceCollection();
        new Builder(services).AddSqliteStore(o => o.ConnectionString = $"Data Source={Database}");
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IHelpEventStore>();
        var now = TimeProvider.System.GetUtcNow().AddHours(-1);
        var events = new List<HelpEvent>();
        var session = 0;
        foreach (var (query, language, route, times) in searches)
        {
            for (var i = 0; i < times; i++)
            {
                session++;
                events.Add(new HelpEvent { Kind = HelpEventKind.ZeroResultSearch, OccurredAt = now, UserKey = $"user-{session}", SessionId = $"session-{session}", Query = query, Language = language, Route = route, ResultCount = 0 });
            }
        }

        await store.WriteAsync(events, TestContext.Current.CancellationToken);
    }

    private sealed class Builder(IServiceCollection services) : IHelpWidgetBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
