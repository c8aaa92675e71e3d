using System.Text.Json;

namespace HelpWidget.Packaging.Tests;

/// <summary>The README's one pack command packs every package: <c>HelpWidget.Packages.slnf</c> lists each project of <c>src/</c> and nothing else.</summary>
public sealed class SolutionFilterTests
{
    [Fact]
    public void PackagesSolutionFilter_ComparedWithSrc_ListsExactlyEveryPackageProject()
    {
        var root = RepositoryRoot();
        using var filter = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "HelpWidget.Packages.slnf")));
        var solution = filter.RootElement.GetProperty("solution");
        Assert.Equal("HelpWidget.sln", solution.GetProperty("path").GetString());

        var listed = solution.GetProperty("projects").EnumerateArray().Select(p => p.GetString()!.Replace('\\', '/')).Order(StringComparer.Ordinal);
        var packages = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(packages, listed);

        var sln = File.ReadAllText(Path.Combine(root, "HelpWidget.sln")).Replace('\\', '/');
        Assert.All(packages, p => Assert.Contains($"\"{p}\"", sln, StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HelpWidget.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HelpWidget.sln not found above the test's folder.");
    }
}
