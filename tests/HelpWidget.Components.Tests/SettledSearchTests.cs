using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace HelpWidget.Components.Tests;

/// <summary>
/// Keystrokes get the provider's quickest ranking; when the provider says it has a fuller one, the panel asks for it
/// once the query rests or on Enter, and replaces the list only when it differs, without moving focus.
/// </summary>
public sealed class SettledSearchTests : HelpWidgetTestContext
{
    private static readonly SearchResults Quick = Refinable(Hits(("strike", "Strikethrough")));
    private static readonly SearchResults Full = Hits(("format-text", "Format text"), ("strike", "Strikethrough"));

    // A provider with a meaning-aware layer: typing gets word matches, the settled query the fuller ranking.
    public SettledSearchTests() => Knowledge.OnSearch = request => request.AsYouType ? Quick : Full;

    [Fact]
    public void Keystrokes_AskForTheQuickRanking_AndTheRestingQueryGetsTheFullOne()
    {
        var cut = OpenPanel();

        cut.FindByLabel("Search help articles").Input("letters crossed out");
        Assert.Equal(["Strikethrough"], Titles(cut));
        Assert.True(Knowledge.Searches.Single().AsYouType);

        Time.Advance(HelpPanel.SettleDelay);

        cut.WaitForAssertion(() => Assert.Equal(["Format text", "Strikethrough"], Titles(cut)));
        Assert.Equal([true, false], Knowledge.Searches.Select(s => s.AsYouType));
        Assert.Equal("2 articles found", cut.Find(".hw-status").TextContent);
    }

    [Fact]
    public void Enter_AsksForTheFullRankingAtOnce_AndTheLaterPauseAsksNothingMore()
    {
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("letters crossed out");

        cut.Find("[role=dialog]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Equal(["Format text", "Strikethrough"], Titles(cut)));
        Time.Advance(HelpPanel.SettleDelay);
        Assert.Equal([true, false], Knowledge.Searches.Select(s => s.AsYouType));
    }

    [Fact]
    public void TypingOnBeforeThePause_CancelsTheRefinementOfTheEarlierQuery()
    {
        Knowledge.OnSearch = request => request.AsYouType ? Refinable(Hits(("strike", request.Query!))) : Full;
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("letters");
        Time.Advance(HelpPanel.SettleDelay / 2);

        cut.FindByLabel("Search help articles").Input("letters crossed");
        // The keystroke's search replaces the earlier one (whose cancellation completes on the thread pool): its results
        // are on the screen before the pause is counted.
        cut.WaitForAssertion(() => Assert.Equal(["letters crossed"], Titles(cut)));
        Time.Advance(HelpPanel.SettleDelay);

        cut.WaitForAssertion(() => Assert.Equal(["Format text", "Strikethrough"], Titles(cut)));
        Assert.Equal([("letters", true), ("letters crossed", true), ("letters crossed", false)], Knowledge.Searches.Select(s => (s.Query!, s.AsYouType)));
    }

    [Fact]
    public void TheSameAnswer_LeavesTheListAndTheStatusAsTheyWere()
    {
        Knowledge.OnSearch = request => request.AsYouType ? Quick : Hits(("strike", "Strikethrough"));
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("strike");

        Time.Advance(HelpPanel.SettleDelay);

        cut.WaitForAssertion(() => Assert.Equal(2, Knowledge.Searches.Count));
        Assert.Equal(["Strikethrough"], Titles(cut));
        Assert.Equal("1 article found", cut.Find(".hw-status").TextContent);
    }

    [Fact]
    public void AFailingFullRanking_KeepsTheQuickResults_WithoutAnError()
    {
        Knowledge.OnSearch = request => request.AsYouType ? Quick : throw new InvalidOperationException("model unavailable");
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("letters crossed out");

        Time.Advance(HelpPanel.SettleDelay);

        cut.WaitForAssertion(() => Assert.Equal(2, Knowledge.Searches.Count));
        Assert.Equal(["Strikethrough"], Titles(cut));
        Assert.Empty(cut.FindAll(".hw-message"));
    }

    [Fact]
    public void AProviderWithoutAFullerRanking_IsAskedOncePerKeystroke()
    {
        Knowledge.OnSearch = _ => Hits(("strike", "Strikethrough"));
        var cut = OpenPanel();
        cut.FindByLabel("Search help articles").Input("strike");

        Time.Advance(HelpPanel.SettleDelay * 4);
        cut.Find("[role=dialog]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Single(Knowledge.Searches);
    }

    private static SearchResults Refinable(SearchResults results) => new() { Hits = results.Hits, Refinable = true };

    private static string[] Titles(IRenderedComponent<HelpLauncher> cut) => [.. cut.FindAll(".hw-hit-title").Select(t => t.TextContent)];

    private IRenderedComponent<HelpLauncher> OpenPanel()
    {
        var cut = Render<HelpLauncher>();
        cut.FindButton("Help").Click();
        return cut;
    }
}
