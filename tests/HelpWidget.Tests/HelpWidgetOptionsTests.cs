using HelpWidget.Announcements;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Tests;

public sealed class HelpWidgetOptionsTests
{
    [Theory]
    [InlineData("english")]
    [InlineData("EN")]
    [InlineData("")]
    public void AddHelpWidget_InvalidDefaultLanguage_FailsWithAMessageNamingIt(string language)
    {
        using var provider = new ServiceCollection().AddLogging().AddHelpWidget(o => o.DefaultLanguage = language).Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HelpWidgetOptions>>().Value);

        Assert.Contains("DefaultLanguage", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help/{id}")]
    [InlineData("/help")]
    [InlineData("https://evil.example/{id}")]
    [InlineData("//evil.example/{id}")]
    [InlineData("/help/{id}?x=<script>")]
    public void AddHelpWidget_BadArticlePagePath_FailsWithAMessageNamingIt(string path)
    {
        using var provider = new ServiceCollection().AddLogging().AddHelpWidget(o => o.ArticlePagePath = path).Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HelpWidgetOptions>>().Value);

        Assert.Contains("ArticlePagePath", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "fi", "fi")]
    [InlineData("sv-SE", "en", "sv-SE")]
    [InlineData("en", "fi", "en")]
    public void LanguageFor_InvariantCultureMeansNoPreference_OthersAreKept(string culture, string defaultLanguage, string expected)
    {
        var options = new HelpWidgetOptions { DefaultLanguage = defaultLanguage };

        Assert.Equal(expected, options.LanguageFor(System.Globalization.CultureInfo.GetCultureInfo(culture)));
    }

    [Fact]
    public void ArticlePageFor_EscapesTheId()
    {
        var options = new HelpWidgetOptions { ArticlePagePath = "/help/{id}" };

        Assert.Equal("/help/vpn-connect", options.ArticlePageFor("vpn-connect"));
        Assert.Equal("/help/..%2Fadmin%3Fx%3D1", options.ArticlePageFor("../admin?x=1"));
        Assert.Null(new HelpWidgetOptions().ArticlePageFor("vpn-connect"));
    }

    [Fact]
    public void AddHelpWidget_MaxResultsOutOfRange_Fails()
    {
        using var provider = new ServiceCollection().AddLogging().AddHelpWidget(o => o.MaxResults = 500).Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HelpWidgetOptions>>().Value);

        Assert.Contains("MaxResults", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ArticlesPath")]
    [InlineData("AnnouncementsPath")]
    [InlineData("MaxArticleBytes")]
    [InlineData("WatchForChanges")]
    [InlineData("MaxQueryLength")]
    public void HelpWidgetOptions_HoldNoBackendSetting_WhichTheBackendsOwnOptionsHold(string property) =>
        Assert.Null(typeof(HelpWidgetOptions).GetProperty(property));

    [Fact]
    public void AddHelpWidget_ConfigurationWithTheBackendsKeys_BindsTheEngineOptionsAndIsValid()
    {
        // The samples bind the whole HelpWidget section here and again for the Markdown options: the folders' keys are ignored here.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HelpWidget:ArticlesPath"] = "bad\0path is not read here",
            ["HelpWidget:AnnouncementsPath"] = "Announcements",
            ["HelpWidget:WatchForChanges"] = "false",
            ["HelpWidget:DefaultLanguage"] = "sv",
        }).Build();
        using var provider = new ServiceCollection().AddLogging()
            .AddHelpWidget(o => configuration.GetSection("HelpWidget").Bind(o))
            .Services.BuildServiceProvider();

        Assert.Equal("sv", provider.GetRequiredService<IOptions<HelpWidgetOptions>>().Value.DefaultLanguage);
    }

    [Fact]
    public async Task AddHelpWidget_WithoutMarkdown_IsValidHasNoArticleSourceAndShowsNoAnnouncements()
    {
        using var provider = new ServiceCollection().AddLogging().AddHelpWidget().Services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.Equal("en", provider.GetRequiredService<IOptions<HelpWidgetOptions>>().Value.DefaultLanguage);
        Assert.Null(provider.GetService<IArticleSource>());
        var announcements = scope.ServiceProvider.GetRequiredService<HelpAnnouncementService>();
        Assert.Empty(await announcements.GetCurrentAsync(HelpUser.Anonymous, HelpContext.None, "en", TestContext.Current.CancellationToken));
    }
}
