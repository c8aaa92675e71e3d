using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Components.Tests;

public sealed class HelpContextScopeTests : HelpWidgetTestContext
{
    [Fact]
    public void NestedScopes_JoinTheirKeysAndTags_AndTheInnermostTopicIsShown()
    {
        Knowledge.OnSuggest = r => Hits(("expense-claim", "Submit an expense claim"));
        var cut = Render<HelpLauncher>();
        Render<HelpContextScope>(p => p
            .Add(s => s.Keys, "expenses")
            .Add(s => s.Topic, "Expenses")
            .Add(s => s.ChildContent, (RenderFragment)(b =>
            {
                b.OpenComponent<HelpContextScope>(0);
                b.AddAttribute(1, nameof(HelpContextScope.Keys), "travel, mileage");
                b.AddAttribute(2, nameof(HelpContextScope.Tags), "receipts");
                b.AddAttribute(3, nameof(HelpContextScope.Topic), "Mileage");
                b.CloseComponent();
            })));

        cut.FindButton("Help").Click();

        var context = Knowledge.Suggestions[^1].Context;
        Assert.Equal(["expenses", "travel", "mileage"], context.Keys);
        Assert.Equal(["receipts"], context.Tags);
        Assert.Equal("Help with Mileage", cut.Find("h3").TextContent);
    }

    [Fact]
    public void ScopeRemoved_SuggestionsRefreshWithoutIt()
    {
        var cut = Render<HelpLauncher>();
        var scope = Render<HelpContextScope>(p => p.Add(s => s.Keys, "expenses"));
        cut.FindButton("Help").Click();
        Assert.Equal(["expenses"], Knowledge.Suggestions[^1].Context.Keys);

        scope.Instance.Dispose();

        cut.WaitForAssertion(() => Assert.Empty(Knowledge.Suggestions[^1].Context.Keys));
        Assert.Equal("Suggested for this page", cut.Find("h3").TextContent);
    }

    [Fact]
    public void HostileKey_IsRefusedWithAClearMessage()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Render<HelpContextScope>(p => p.Add(s => s.Keys, new string('k', 101))));

        Assert.Contains("HelpContextScope", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Services.GetRequiredService<HelpSession>().Context.Declarations);
    }
}
