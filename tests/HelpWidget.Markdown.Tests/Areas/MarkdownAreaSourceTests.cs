using Microsoft.Extensions.Options;

namespace HelpWidget.Markdown.Tests;

public sealed class MarkdownAreaSourceTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hw-areas-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task LoadAreasAsync_NoAreasFile_GivesNone()
    {
        using var source = CreateSource();

        Assert.Empty(await source.LoadAreasAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LoadAreasAsync_AreasFileChanged_RaisesAreasChangedAndLoadsTheNewAreas()
    {
        var path = Path.Combine(_root.FullName, "areas.yml");
        File.WriteAllText(path, "areas:\n  - id: one\n    title: One\n");
        using var source = CreateSource();
        Assert.Equal(["one"], (await source.LoadAreasAsync(TestContext.Current.CancellationToken)).Select(a => a.Id));
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.AreasChanged += (_, _) => changed.TrySetResult();

        File.WriteAllText(path, "areas:\n  - id: one\n    title: One\n  - id: two\n    title: Two\n");
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(["one", "two"], (await source.LoadAreasAsync(TestContext.Current.CancellationToken)).Select(a => a.Id));
    }

    private MarkdownAreaSource CreateSource() => new(Options.Create(new MarkdownContentOptions { ArticlesPath = _root.FullName }));
}
