using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bunit;

namespace HelpWidget.Components.Tests;

/// <summary>
/// Globalization-invariant mode is chosen once per process, before any test runs, so these tests run a test of this
/// assembly (<see cref="ArticleNoticeTests"/>) again in a child process started with
/// <c>DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1</c> and <c>LANG=C.UTF-8</c>, as in a small container image.
/// </summary>
public sealed class InvariantProcessTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ArticleNotice_InvariantProcess_NamesTheLanguageByItsTag(bool predefinedCulturesOnly)
    {
        var test = typeof(ArticleNoticeTests).FullName + "." + nameof(ArticleNoticeTests.Notice_ArticleInAnotherLanguage_NamesTheLanguage);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(InvariantProcessTests).Assembly.Location);
        start.ArgumentList.Add("-method");
        start.ArgumentList.Add(test);
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY"] = predefinedCulturesOnly ? "true" : "false";
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment.Remove("LC_ALL");

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var standardOutput = process.StandardOutput.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
        var standardError = process.StandardError.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Xunit.TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        output.Append(await standardOutput).Append(await standardError);
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}:\n{output}");
        Assert.Contains("Total: 1, Errors: 0, Failed: 0, Skipped: 0", output.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>
/// The fallback notice names the article's language with the process's culture data, or by its tag when the process
/// has none (globalization-invariant mode); it never fails and never says "Invariant Language".
/// <see cref="InvariantProcessTests"/> also runs it in invariant child processes.
/// </summary>
public sealed class ArticleNoticeTests : HelpWidgetTestContext
{
    public ArticleNoticeTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        Knowledge.OnSearch = _ => Hits(("vpn-connect", "VPN"));
        Knowledge.OnGetArticle = r =>
        {
            var article = Article(r.ArticleId, "Anslut till VPN");
            return new HelpArticle { Id = article.Id, Language = "sv", Title = article.Title, Summary = article.Summary, Html = article.Html };
        };
    }

    [Fact]
    public void Notice_ArticleInAnotherLanguage_NamesTheLanguage()
    {
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        cut.FindByLabel("Search help articles").Input("vpn");

        cut.Find(".hw-hit button").Click();

        var notice = cut.Find(".hw-article-notice").TextContent;
        Assert.Contains(ExpectedName(), notice, StringComparison.Ordinal);
        Assert.DoesNotContain("Invariant", notice, StringComparison.Ordinal);
    }

    /// <summary>Swedish's name where this process has culture data for it, otherwise the tag.</summary>
    private static string ExpectedName()
    {
        try
        {
            var swedish = CultureInfo.GetCultureInfo("sv");
            return swedish.TwoLetterISOLanguageName == "sv" ? swedish.DisplayName : "sv";
        }
        catch (CultureNotFoundException)
        {
            return "sv";
        }
    }
}
