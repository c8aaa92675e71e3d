using System.Reflection;
using System.Xml.Linq;

namespace HelpWidget.Lucene.Tests;

/// <summary>
/// Each backend package depends on the contracts (HelpWidget.Abstractions) alone among HelpWidget's packages, so an app
/// or a third party takes a backend without the engine, and one backend without another (docs/architecture.md).
/// </summary>
public sealed class BackendDependencyTests
{
    private const string Abstractions = "HelpWidget.Abstractions";

    public static TheoryData<string> Backends => ["HelpWidget.Markdown", "HelpWidget.Lucene", "HelpWidget.Sqlite"];

    [Theory]
    [MemberData(nameof(Backends))]
    public void ProjectFile_ReferencesAbstractionsAloneAmongHelpWidgetProjects(string backend) =>
        Assert.Equal([Abstractions], ProjectReferences(backend));

    [Theory]
    [MemberData(nameof(Backends))]
    public void BuiltAssembly_ReferencesAbstractionsAloneAmongHelpWidgetAssemblies(string backend)
    {
        var assembly = Assembly.Load(backend);

        var helpWidget = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(IsHelpWidget).Order(StringComparer.Ordinal);

        Assert.Equal([Abstractions], helpWidget);
    }

    [Fact]
    public void Smtp_ReferencesTheEngineOnlyForTheDeliveryDispatcher()
    {
        // AddSmtpSink() registers the sink with AddTicketSink<T>(), which also adds the core's background dispatcher that
        // calls sinks; without it a sink is never called. The dispatcher lives in the core, so Smtp stays on it until the
        // core registers its dispatcher for every sink (or its contract moves to Abstractions).
        Assert.Equal(["HelpWidget"], ProjectReferences("HelpWidget.Smtp"));
    }

    private static bool IsHelpWidget(string name) => name == "HelpWidget" || name.StartsWith("HelpWidget.", StringComparison.Ordinal);

    private static string[] ProjectReferences(string project)
    {
        var file = Path.Combine(RepositoryRoot(), "src", project, project + ".csproj");
        return [.. XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Where(IsHelpWidget)
            .Order(StringComparer.Ordinal)];
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
