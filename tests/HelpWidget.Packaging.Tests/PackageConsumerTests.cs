using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HelpWidget.Packaging.Tests;

/// <summary>
/// Follows the README's "Add HelpWidget to your app" as a new user would: packs every package with the README's one
/// command, creates a `dotnet new blazor` app, adds the README's local package source and packages, adds the README's
/// lines to the template's files, publishes it once, runs the published app on 127.0.0.1 and finds the README's article.
/// The packages are packed once for every test of the class (<see cref="PackedFeed"/>).
/// </summary>
public sealed partial class PackageConsumerTests(PackageConsumerTests.PackedFeed packed) : IDisposable, IClassFixture<PackageConsumerTests.PackedFeed>
{
    /// <summary>The README's pack command; the test runs it with its own output folder and a test version.</summary>
    private const string PackCommand = "dotnet pack HelpWidget.Packages.slnf -c Release -o ~/helpwidget-feed";
    private const string Version = "0.1.0-test";
    private const string AppName = "HelpDeskApp";
    // Every project of the packages' solution filter, which SolutionFilterTests holds equal to src/: a new package is checked here without being listed twice.
    private static readonly string[] s_packages = PackageNames();
    private static readonly string[] s_appPackages = ["HelpWidget.Components", "HelpWidget.Markdown", "HelpWidget.Lucene", "HelpWidget.Sqlite"];
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("hw-consumer-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task FreshPackages_TemplateAppWithTheReadmesLines_PublishesWithArticlesRunsAndFindsOne()
    {
        var root = RepositoryRoot();
        var steps = new StepTimer();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        Assert.Contains(PackCommand, readme, StringComparison.Ordinal);
        var feed = packed.Folder;
        AssertPackageContents(feed);
        TestContext.Current.TestOutputHelper?.WriteLine($"pack (once for the class): {packed.Duration.TotalSeconds:0.0} s");
        steps.Done("package contents");

        var app = await CreateAppAsync(readme, feed);
        steps.Done("new app with the README's lines");
        var publish = Path.Combine(_work.FullName, "publish");
        await DotNet.RunAsync(app, Token, "publish", "-c", "Release", "-o", publish, "--packages", Path.Combine(_work.FullName, "packages"), "-p:TreatWarningsAsErrors=true");
        steps.Done("publish");

        Assert.True(File.Exists(Path.Combine(publish, "KnowledgeBase", "en", "vpn-connect.md")), "The publish output has no KnowledgeBase/en/vpn-connect.md.");
        Assert.True(File.Exists(Path.Combine(publish, "Announcements", "en", "welcome.md")), "The publish output has no Announcements/en/welcome.md.");
        Assert.Equal(["CopyToPublishDirectory=", "CopyToPublishDirectory="], await PublishedMetadataAsync(app, "-p:HelpWidgetPublishContent=false"));
        Assert.Equal(["CopyToPublishDirectory=", "CopyToPublishDirectory=PreserveNewest"], await PublishedMetadataAsync(app, "-p:HelpWidgetArticlesPath=Announcements"));
        steps.Done("folder properties");

        // The published app, from its own folder and in Production, as it would run on a server.
        using var process = DotNet.Start(publish, AppName + ".dll", "--urls", "http://127.0.0.1:0");
        try
        {
            var address = await ListeningAddressAsync(process);
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            var page = await http.GetStringAsync("/", Token);
            Assert.Contains("class=\"hw-launcher\"", page, StringComparison.Ordinal);
            Assert.Contains("class=\"sidebar\"", page, StringComparison.Ordinal); // the template's layout is kept
            var styles = StylesheetPattern().Match(page);
            Assert.True(styles.Success, $"The page links no {AppName}.styles.css bundle:\n" + page);
            var bundle = await http.GetStringAsync("/" + styles.Groups[1].Value, Token);
            var import = ImportPattern().Match(bundle);
            Assert.True(import.Success, "The app's style bundle imports no package styles:\n" + bundle);
            Assert.Contains(".hw-launcher", await http.GetStringAsync("/" + import.Groups[1].Value, Token), StringComparison.Ordinal);

            await UseTheWidgetAsync(address);
            steps.Done("run and search");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Token);
        }
    }

    /// <summary>
    /// Every package of <c>HelpWidget.Packages.slnf</c> packed with the README's command (its own output folder and a test
    /// version), once for the tests of the class: each consumer app takes what it needs from this one feed.
    /// </summary>
    public sealed class PackedFeed : IAsyncLifetime
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("hw-feed-");

        /// <summary>Gets the folder holding the packages.</summary>
        public string Folder => _folder.FullName;

        /// <summary>Gets how long the packing took, for the test's output.</summary>
        public TimeSpan Duration { get; private set; }

        public async ValueTask InitializeAsync()
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await DotNet.RunAsync(RepositoryRoot(), TestContext.Current.CancellationToken, "pack", "HelpWidget.Packages.slnf", "-c", "Release", "-o", Folder, $"-p:Version={Version}");
            Duration = watch.Elapsed;
        }

        public ValueTask DisposeAsync()
        {
            _folder.Delete(recursive: true);
            return default;
        }
    }

    /// <summary>Writes how long each step took to the test's output, to keep an eye on the suite's time.</summary>
    private sealed class StepTimer
    {
        private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();

        public void Done(string step)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{step}: {_watch.Elapsed.TotalSeconds:0.0} s");
            _watch.Restart();
        }
    }

    /// <summary>A person opens the widget in the published app, searches, and finds the article the README told them to write.</summary>
    private static async Task UseTheWidgetAsync(string address)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("HW_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(address);

        var help = page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });
        await help.ClickAsync();
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" }).FillAsync("vpn");

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Help" }).GetByRole(AriaRole.Button, new() { Name = "Connect to the VPN" })).ToBeVisibleAsync();
    }

    private static void AssertPackageContents(string feed)
    {
        Assert.Contains("HelpWidget.Testing", s_packages);
        foreach (var package in s_packages)
        {
            var path = Path.Combine(feed, $"{package}.{Version}.nupkg");
            Assert.True(File.Exists(path), $"{package} was not packed by '{PackCommand}'.");
            using var zip = ZipFile.OpenRead(path);
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", entries);
            Assert.Contains("icon.png", entries);
            if (entries.Any(e => e.StartsWith("tools/", StringComparison.Ordinal) && e.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal)))
            {
                // A .NET tool: its assemblies are under tools/, and nothing references it as a library.
                Assert.Contains(entries, e => e.StartsWith("tools/net10.0/", StringComparison.Ordinal) && e.EndsWith($"/{package}.dll", StringComparison.Ordinal));
                continue;
            }

            Assert.True(File.Exists(Path.Combine(feed, $"{package}.{Version}.snupkg")), $"{package} has no symbol package.");
            Assert.Contains($"lib/net10.0/{package}.dll", entries);
            Assert.Contains($"lib/net10.0/{package}.xml", entries);
            if (package == "HelpWidget.Testing")
            {
                AssertTestingPackage(zip);
            }

            if (package == "HelpWidget.Components")
            {
                Assert.Contains(entries, e => e.StartsWith("staticwebassets/", StringComparison.Ordinal) && e.EndsWith(".bundle.scp.css", StringComparison.Ordinal));
                Assert.Contains("lib/net10.0/sv/HelpWidget.Components.resources.dll", entries);
            }

            if (package == "HelpWidget.AspNetCore")
            {
                // A help server that maps the one tag must serve _framework/blazor.server.js: the package says so.
                Assert.Contains("buildTransitive/HelpWidget.AspNetCore.props", entries);
            }

            if (package == "HelpWidget.Embeddings.Onnx")
            {
                AssertOnnxPackage(zip);
            }

            if (package == "HelpWidget.Markdown")
            {
                Assert.Contains("buildTransitive/HelpWidget.Markdown.props", entries);
                Assert.Contains("buildTransitive/HelpWidget.Markdown.targets", entries);
            }
        }

        Assert.Equal(s_packages.Length, Directory.GetFiles(feed, "*.nupkg").Length);
    }

    /// <summary>
    /// The conformance suites reach a third party's test project with xUnit's extensibility library and assertions, not
    /// with a test runner or test SDK of their own (the test project chooses those), and with the contracts they test.
    /// </summary>
    private static void AssertTestingPackage(ZipArchive zip)
    {
        using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var dependencies = System.Xml.Linq.XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => e.Attribute("id")!.Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["FsCheck", "HelpWidget", "HelpWidget.Abstractions", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.TimeProvider.Testing", "xunit.v3.assert", "xunit.v3.extensibility.core"],
            dependencies);
    }

    /// <summary>The package ids of the projects that <c>HelpWidget.Packages.slnf</c> lists.</summary>
    private static string[] PackageNames()
    {
        using var filter = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "HelpWidget.Packages.slnf")));
        return [.. filter.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray()
            .Select(p => Path.GetFileNameWithoutExtension(p.GetString()!.Replace('\\', '/')))];
    }

    /// <summary>Creates the template's app and does what the README says to it.</summary>
    private async Task<string> CreateAppAsync(string readme, string feed)
    {
        await DotNet.RunAsync(_work.FullName, Token, "new", "blazor", "--name", AppName, "--output", AppName, "--no-restore");
        var app = Path.Combine(_work.FullName, AppName);

        // Keep any Directory.Build.props or central package versions above the temporary folder out of the app.
        Write(app, "Directory.Build.props", "<Project />");
        Write(app, "Directory.Packages.props", "<Project />");

        // The README's package source, in the app's own nuget.config, and its packages.
        Assert.Contains("dotnet new nugetconfig", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet nuget add source ~/helpwidget-feed --name helpwidget --configfile nuget.config", readme, StringComparison.Ordinal);
        await DotNet.RunAsync(app, Token, "new", "nugetconfig");
        await DotNet.RunAsync(app, Token, "nuget", "add", "source", feed, "--name", "helpwidget", "--configfile", "nuget.config");
        foreach (var package in s_appPackages)
        {
            Assert.Contains($"dotnet add package {package}", readme, StringComparison.Ordinal);
            await DotNet.RunAsync(app, Token, "add", "package", package, "--version", Version, "--no-restore");
        }

        // Program.cs: the usings at the top, the registration right after the template's AddRazorComponents statement.
        var program = File.ReadAllText(Path.Combine(app, "Program.cs"));
        var razorComponents = program.IndexOf(".AddRazorComponents()", StringComparison.Ordinal);
        Assert.True(razorComponents >= 0, "The template's Program.cs has no AddRazorComponents() call:\n" + program);
        var afterStatement = program.IndexOf('\n', program.IndexOf(';', razorComponents)) + 1;
        program = Snippet(readme, "program-usings") + "\n" + program[..afterStatement] + "\n" + Snippet(readme, "program-services") + "\n" + program[afterStatement..];
        Write(app, "Program.cs", program);

        Append(app, "Components/_Imports.razor", Snippet(readme, "imports"));
        Append(app, "Components/Layout/MainLayout.razor", Snippet(readme, "layout"));
        Write(app, "KnowledgeBase/en/vpn-connect.md", Snippet(readme, "article"));
        Write(app, "Announcements/en/welcome.md", """
            ---
            id: welcome
            title: Help is here
            severity: info
            ---
            Press Help in any page to find answers.
            """);
        return app;
    }

    /// <summary>The publish metadata the package's build files give the two folders' files under the given properties.</summary>
    private static async Task<string[]> PublishedMetadataAsync(string app, string property)
    {
        var json = await DotNet.RunAsync(app, Token, "msbuild", "-getItem:None", property);
        using var items = JsonDocument.Parse(json[json.IndexOf('{', StringComparison.Ordinal)..]);
        string Of(string file)
        {
            var item = items.RootElement.GetProperty("Items").GetProperty("None").EnumerateArray()
                .Single(i => i.GetProperty("Identity").GetString()!.Replace('\\', '/') == file);
            return "CopyToPublishDirectory=" + (item.TryGetProperty("CopyToPublishDirectory", out var value) ? value.GetString() : null);
        }

        return [Of("KnowledgeBase/en/vpn-connect.md"), Of("Announcements/en/welcome.md")];
    }

    /// <summary>The fenced block that follows <c>&lt;!-- snippet: name --&gt;</c> in the README.</summary>
    private static string Snippet(string readme, string name)
    {
        var match = Regex.Match(readme, $@"<!-- snippet: {name} -->\s*(?:<!--[^\n]*-->\s*)?```[a-z]*\n(.*?)\n```", RegexOptions.Singleline);
        Assert.True(match.Success, $"README.md has no snippet '{name}'.");
        return match.Groups[1].Value;
    }

    private static async Task<string> ListeningAddressAsync(System.Diagnostics.Process process)
    {
        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data is { } line && ListeningPattern().Match(line) is { Success: true } match)
            {
                address.TrySetResult(match.Groups[1].Value);
            }
        };
        process.Exited += (_, _) => address.TrySetException(new InvalidOperationException("The app exited:\n" + output));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return await address.Task.WaitAsync(TimeSpan.FromSeconds(60), Token);
    }

    private static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text + "\n");
    }

    private static void Append(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Assert.True(File.Exists(path), $"The template has no {relative}.");
        File.AppendAllText(path, text + "\n");
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

    [GeneratedRegex("Now listening on: (http://127\\.0\\.0\\.1:[0-9]+)")]
    private static partial Regex ListeningPattern();

    [GeneratedRegex("@import '(_content/HelpWidget\\.Components/[^']+)'")]
    private static partial Regex ImportPattern();

    [GeneratedRegex("href=\"(HelpDeskApp\\.[a-z0-9]*\\.?styles\\.css)\"")]
    private static partial Regex StylesheetPattern();
}
