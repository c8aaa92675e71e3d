using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HelpWidget.Packaging.Tests;

/// <summary>
/// Packs every package of src/, then creates a new Blazor app that follows the README's quick start, restores the
/// fresh packages from a local folder, builds it, runs it on 127.0.0.1 and checks that the widget and its styles are served.
/// </summary>
public sealed partial class PackageConsumerTests : IDisposable
{
    private static readonly string[] s_packages = ["HelpWidget.Abstractions", "HelpWidget", "HelpWidget.Components", "HelpWidget.Lucene", "HelpWidget.Sqlite", "HelpWidget.Smtp"];
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("hw-consumer-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task FreshPackages_NewAppFollowingTheReadme_BuildsRunsAndServesTheWidget()
    {
        var root = RepositoryRoot();
        var feed = Directory.CreateDirectory(Path.Combine(_work.FullName, "feed")).FullName;
        foreach (var package in s_packages)
        {
            await DotNet.RunAsync(root, Token, "pack", Path.Combine("src", package, package + ".csproj"), "-c", "Release", "-o", feed, "-p:Version=0.1.0-test");
        }

        AssertPackageContents(feed);

        var app = CreateConsumerApp(root, feed);
        await DotNet.RunAsync(app, Token, "build", "--packages", Path.Combine(_work.FullName, "packages"));

        using var process = DotNet.Start(app, "bin/Debug/net10.0/MyApp.dll", "--urls", "http://127.0.0.1:0", "--environment", "Development");
        try
        {
            var address = await ListeningAddressAsync(process);
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            var page = await http.GetStringAsync("/", Token);
            Assert.Contains("class=\"hw-launcher\"", page, StringComparison.Ordinal);
            var styles = StylesheetPattern().Match(page);
            Assert.True(styles.Success, "The page links no MyApp.styles.css bundle:\n" + page);
            var bundle = await http.GetStringAsync("/" + styles.Groups[1].Value, Token);
            var import = ImportPattern().Match(bundle);
            Assert.True(import.Success, "The app's style bundle imports no package styles:\n" + bundle);
            Assert.Contains(".hw-launcher", await http.GetStringAsync("/" + import.Groups[1].Value, Token), StringComparison.Ordinal);

            await UseTheWidgetAsync(address);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Token);
        }
    }

    /// <summary>A person opens the widget in the new app, searches, and finds the article the README told them to write.</summary>
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
        foreach (var package in s_packages)
        {
            var path = Path.Combine(feed, $"{package}.0.1.0-test.nupkg");
            Assert.True(File.Exists(Path.Combine(feed, $"{package}.0.1.0-test.snupkg")), $"{package} has no symbol package.");
            using var zip = ZipFile.OpenRead(path);
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", entries);
            Assert.Contains("icon.png", entries);
            Assert.Contains($"lib/net10.0/{package}.dll", entries);
            Assert.Contains($"lib/net10.0/{package}.xml", entries);
            if (package == "HelpWidget.Components")
            {
                Assert.Contains(entries, e => e.StartsWith("staticwebassets/", StringComparison.Ordinal) && e.EndsWith(".bundle.scp.css", StringComparison.Ordinal));
                Assert.Contains("lib/net10.0/sv/HelpWidget.Components.resources.dll", entries);
            }
        }
    }

    private string CreateConsumerApp(string root, string feed)
    {
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var app = Directory.CreateDirectory(Path.Combine(_work.FullName, "MyApp")).FullName;
        Write(app, "NuGet.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="helpwidget-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        Write(app, "MyApp.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="HelpWidget.Components" Version="0.1.0-test" />
                <PackageReference Include="HelpWidget.Lucene" Version="0.1.0-test" />
                <PackageReference Include="HelpWidget.Sqlite" Version="0.1.0-test" />
              </ItemGroup>
            </Project>
            """);
        Write(app, "Directory.Build.props", "<Project />");
        Write(app, "Directory.Packages.props", "<Project />");
        Write(app, "Program.cs", Snippet(readme, "program"));
        Write(app, "Components/Layout/MainLayout.razor", Snippet(readme, "layout"));
        Write(app, "KnowledgeBase/en/vpn-connect.md", Snippet(readme, "article"));
        Write(app, "Components/_Imports.razor", """
            @using Microsoft.AspNetCore.Components.Routing
            @using Microsoft.AspNetCore.Components.Web
            @using static Microsoft.AspNetCore.Components.Web.RenderMode
            @using MyApp.Components.Layout
            """);
        // App.razor as `dotnet new blazor` writes it by default: static pages, interactivity per component.
        Write(app, "Components/App.razor", """
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8" />
                <base href="/" />
                <link rel="stylesheet" href="@Assets["MyApp.styles.css"]" />
                <HeadOutlet />
            </head>
            <body>
                <Routes />
                <script src="@Assets["_framework/blazor.web.js"]"></script>
            </body>
            </html>
            """);
        Write(app, "Components/Routes.razor", """
            <Router AppAssembly="typeof(Program).Assembly">
                <Found Context="routeData">
                    <RouteView RouteData="routeData" DefaultLayout="typeof(MainLayout)" />
                </Found>
            </Router>
            """);
        Write(app, "Components/Pages/Home.razor", """
            @page "/"
            <h1>My app</h1>
            """);
        return app;
    }

    /// <summary>The fenced block that follows <c>&lt;!-- snippet: name --&gt;</c> in the README.</summary>
    private static string Snippet(string readme, string name)
    {
        var match = Regex.Match(readme, $@"<!-- snippet: {name} -->\s*```[a-z]*\n(.*?)\n```", RegexOptions.Singleline);
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

    [GeneratedRegex("href=\"(MyApp\\.[a-z0-9]*\\.?styles\\.css)\"")]
    private static partial Regex StylesheetPattern();
}
