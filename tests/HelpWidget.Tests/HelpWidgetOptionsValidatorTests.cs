using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Tests;

public sealed class HelpWidgetOptionsValidatorTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("sv")]
    [InlineData("fi")]
    public void DefaultLanguage_TwoLowerCaseLetters_IsValid(string language) =>
        OptionsValidation<HelpWidgetOptions>.AssertValid(o => o.DefaultLanguage = language);

    [Theory]
    [InlineData(null, "null")]
    [InlineData("", "''")]
    [InlineData("EN", "'EN'")]
    [InlineData("e", "'e'")]
    [InlineData("eng", "'eng'")]
    [InlineData("e1", "'e1'")]
    [InlineData("én", "'én'")]
    [InlineData("en\n", "'en\uFFFD'")]
    [InlineData("\r\nFAKE", "'\uFFFD\uFFFDFAKE'")]
    [InlineData("ｅｎ", "'ｅｎ'")]
    public void DefaultLanguage_NotTwoLowerCaseAsciiLetters_FailsNamingTheValue(string? language, string shown)
    {
        var failure = OptionsValidation<HelpWidgetOptions>.SingleFailure(o => o.DefaultLanguage = language!);

        Assert.Equal($"DefaultLanguage is {shown}; it must be a two-letter lower-case ISO 639-1 code such as 'en'.", failure);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(SearchRequest.MaxResultsLimit)]
    public void MaxResults_FromOneToTheLimit_IsValid(int maxResults) =>
        OptionsValidation<HelpWidgetOptions>.AssertValid(o => o.MaxResults = maxResults);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SearchRequest.MaxResultsLimit + 1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void MaxResults_OutOfRange_FailsNamingTheValueAndTheRange(int maxResults)
    {
        var failure = OptionsValidation<HelpWidgetOptions>.SingleFailure(o => o.MaxResults = maxResults);

        Assert.Equal($"MaxResults is {maxResults}; it must be from 1 to 50.", failure);
    }

    [Fact]
    public void ApplicationName_UpTo100Characters_IsValid()
    {
        OptionsValidation<HelpWidgetOptions>.AssertValid(o => o.ApplicationName = new string('a', 100));
        OptionsValidation<HelpWidgetOptions>.AssertValid(o => o.ApplicationName = null);
    }

    [Fact]
    public void ApplicationName_Over100Characters_FailsWithItsLengthNotItsText()
    {
        var name = "Payroll" + new string('x', 10_000);

        var failure = OptionsValidation<HelpWidgetOptions>.SingleFailure(o => o.ApplicationName = name);

        Assert.Equal("ApplicationName is 10007 characters long; it may be at most 100.", failure);
    }

    [Theory]
    [InlineData("/help/{id}")]
    [InlineData("/{id}")]
    [InlineData("/help/{id}.html")]
    [InlineData("/Help_Centre/articles-v2/{id}/view")]
    [InlineData("")]
    [InlineData(null)]
    public void ArticlePagePath_AppRelativeWithOneId_IsValid(string? path) =>
        OptionsValidation<HelpWidgetOptions>.AssertValid(o => o.ArticlePagePath = path);

    [Theory]
    [InlineData("help/{id}")]
    [InlineData("/help")]
    [InlineData("/")]
    [InlineData("https://evil.example/{id}")]
    [InlineData("//evil.example/{id}")]
    [InlineData("/\\evil.example/{id}")]
    [InlineData("/help/{id}?x=<script>")]
    [InlineData("/help/{id}#top")]
    [InlineData("/help/{id}/{id}")]
    [InlineData("/help/{ID}")]
    [InlineData("/help/{id")]
    [InlineData("/hjälp/{id}")]
    [InlineData("/help /{id}")]
    [InlineData("/help/{id}\n")]
    [InlineData("/help/%2F%2Fevil/{id}")]
    [InlineData("/javascript:alert(1)/{id}")]
    public void ArticlePagePath_NotAnAppRelativePathWithOneId_FailsNamingIt(string path)
    {
        var failure = OptionsValidation<HelpWidgetOptions>.SingleFailure(o => o.ArticlePagePath = path);

        Assert.StartsWith("ArticlePagePath is '", failure, StringComparison.Ordinal);
        Assert.EndsWith("; it must be an app-relative path starting with one '/' that contains {id}, such as /help/{id}.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ArticlePagePath_HostileAndLong_IsShownCutAndWithoutLineBreaks()
    {
        var path = "/help/{id}\r\n2026-12-07 INFO forged log line " + new string('x', 5_000);

        var failure = OptionsValidation<HelpWidgetOptions>.SingleFailure(o => o.ArticlePagePath = path);

        Assert.Contains("'/help/{id}\uFFFD\uFFFD2026-12-07 INFO forged", failure, StringComparison.Ordinal);
        Assert.True(failure.Length < 300, failure);
    }

    [Fact]
    public void Validate_SeveralBadOptions_ReportsEachOnce()
    {
        var failures = OptionsValidation<HelpWidgetOptions>.FailuresOf(new ServiceCollection()
            .AddHelpWidget(o =>
            {
                o.DefaultLanguage = "EN";
                o.MaxResults = 0;
                o.ArticlePagePath = "//evil.example/{id}";
            }).Services);

        Assert.Equal(3, failures.Count);
        Assert.Single(failures, f => f.StartsWith("DefaultLanguage", StringComparison.Ordinal));
        Assert.Single(failures, f => f.StartsWith("MaxResults", StringComparison.Ordinal));
        Assert.Single(failures, f => f.StartsWith("ArticlePagePath", StringComparison.Ordinal));
    }
}
