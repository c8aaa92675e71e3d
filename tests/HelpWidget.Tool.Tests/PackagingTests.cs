using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace HelpWidget.Tool.Tests;

public sealed class PackagingTests
{
    [Fact]
    public async Task Pack_Tool_IsADotnetToolWhoseCommandIsHelpwidgetAndThatRunsOnceInstalled()
    {
        var work = Directory.CreateTempSubdirectory("hw-tool-pack-");
        try
        {
            var pack = new ProcessStartInfo("dotnet") { WorkingDirectory = ToolProcess.RepoRoot };
            foreach (var arg in (string[])["pack", Path.Combine("src", "HelpWidget.Tool", "HelpWidget.Tool.csproj"), "-c", ToolProcess.Configuration, "--no-build", "-o", Path.Combine(work.FullName, "feed")])
            {
                pack.ArgumentList.Add(arg);
            }

            var packed = await ToolProcess.RunProcessAsync(pack);
            Assert.True(packed.ExitCode == 0, packed.ToString());

            var package = Assert.Single(Directory.GetFiles(Path.Combine(work.FullName, "feed"), "HelpWidget.Tool.*.nupkg"));
            using (var zip = ZipFile.OpenRead(package))
            {
                var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
                Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "packageType" && (string?)e.Attribute("name") == "DotnetTool");
                var settings = XDocument.Load(zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
                var command = Assert.Single(settings.Descendants("Command"));
                Assert.Equal("helpwidget", (string?)command.Attribute("Name"));
                Assert.Equal("HelpWidget.Tool.dll", (string?)command.Attribute("EntryPoint"));
                Assert.NotNull(zip.GetEntry("tools/net10.0/any/HelpWidget.Markdown.dll"));
            }

            // Installed from the package alone, with a package folder of its own so no cached copy of the same version is used.
            var install = new ProcessStartInfo("dotnet") { WorkingDirectory = work.FullName };
            foreach (var arg in (string[])["tool", "install", "HelpWidget.Tool", "--tool-path", Path.Combine(work.FullName, "tools"), "--add-source", Path.Combine(work.FullName, "feed"), "--prerelease"])
            {
                install.ArgumentList.Add(arg);
            }

            install.Environment["NUGET_PACKAGES"] = Path.Combine(work.FullName, "packages");
            var installed = await ToolProcess.RunProcessAsync(install);
            Assert.True(installed.ExitCode == 0, installed.ToString());

            using var folder = KnowledgeFolder.Healthy();
            var run = new ProcessStartInfo(Path.Combine(work.FullName, "tools", "helpwidget")) { WorkingDirectory = folder.Path };
            run.ArgumentList.Add("lint");
            run.ArgumentList.Add(".");
            var linted = await ToolProcess.RunProcessAsync(run);
            Assert.True(linted.ExitCode == 0, linted.ToString());
            Assert.Equal(["10 files, 10 articles, 1 areas: 0 errors, 0 warnings."], linted.Lines);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
