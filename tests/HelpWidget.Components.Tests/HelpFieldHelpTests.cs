using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace HelpWidget.Components.Tests;

public sealed class HelpFieldHelpTests : HelpWidgetTestContext
{
    [Fact]
    public void ArticleOnly_OpensTheArticleInThePanel()
    {
        Knowledge.OnGetArticle = r => r.ArticleId == "expense-mileage" ? Article("expense-mileage", "Claim mileage") : null;
        var launcher = Render<HelpLauncher>();
        var help = Render<HelpFieldHelp>(p => p.Add(h => h.ArticleId, "expense-mileage").Add(h => h.Label, "Category"));

        help.FindButton("Help with Category").Click();

        launcher.WaitForAssertion(() => Assert.Equal("Claim mileage", launcher.Find("article h2, article h3").TextContent.Trim()));
        Assert.Equal("true", launcher.FindButton("Help").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void Tip_TogglesAnAccessibleNote_AndEscapeClosesIt()
    {
        var help = Render<HelpFieldHelp>(p => p.Add(h => h.Tip, "Taxis and trains are Travel; <b>Mileage</b> is your own car.").Add(h => h.Label, "Category"));
        var button = help.FindButton("Help with Category");
        var tip = help.Find($"#{button.GetAttribute("aria-controls")}");
        Assert.True(tip.HasAttribute("hidden"));

        button.Click();

        Assert.Equal("true", help.FindButton("Help with Category").GetAttribute("aria-expanded"));
        Assert.False(help.Find("[role=note]").HasAttribute("hidden"));
        Assert.Contains("&lt;b&gt;Mileage&lt;/b&gt;", help.Find("[role=note]").InnerHtml, StringComparison.Ordinal);
        Assert.False(help.HasButton("Read more"));

        help.Find(".hw-field-help").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.True(help.Find("[role=note]").HasAttribute("hidden"));
    }

    [Fact]
    public void TipWithArticle_ReadMoreOpensTheArticle()
    {
        Knowledge.OnGetArticle = r => Article("expense-mileage", "Claim mileage");
        var launcher = Render<HelpLauncher>();
        var help = Render<HelpFieldHelp>(p => p.Add(h => h.Tip, "Own car only.").Add(h => h.ArticleId, "expense-mileage"));

        help.FindButton("Help").Click();
        help.FindButton("Read more").Click();

        launcher.WaitForAssertion(() => Assert.Equal("Claim mileage", launcher.Find("article h2, article h3").TextContent.Trim()));
        Assert.True(help.Find("[role=note]").HasAttribute("hidden"));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(" ", "")]
    public void NeitherArticleNorTip_IsAClearError(string? articleId, string? tip)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Render<HelpFieldHelp>(p => p.Add(h => h.ArticleId, articleId).Add(h => h.Tip, tip)));

        Assert.Contains("ArticleId", ex.Message, StringComparison.Ordinal);
    }
}
