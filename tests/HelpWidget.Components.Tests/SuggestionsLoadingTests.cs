using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Components.Tests;

/// <summary>Just after the app starts the articles may still be indexed: the panel says so, then shows the suggestions.</summary>
public sealed class SuggestionsLoadingTests : HelpWidgetTestContext
{
    public SuggestionsLoadingTests()
        : base(builder => builder.Services.AddSingleton<IKnowledgeProvider>(
            new GatedSuggestions((IKnowledgeProvider)builder.Services.Last(d => d.ServiceType == typeof(IKnowledgeProvider)).ImplementationInstance!)))
    {
        Knowledge.OnSuggest = _ => Hits(("vpn-connect", "Connect to the VPN"));
    }

    private GatedSuggestions Gated => (GatedSuggestions)Services.GetRequiredService<IKnowledgeProvider>();

    [Fact]
    public async Task Panel_SuggestionsPending_SaysItIsLoadingThenShowsThemWhenTheyArrive()
    {
        var cut = Render<HelpLauncher>();
        var click = cut.FindButton("Help").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal("Loading help…", cut.Find(".hw-message").TextContent));
        Assert.DoesNotContain("Type a few words", cut.Markup, StringComparison.Ordinal);

        Gated.Release();
        await click;

        cut.WaitForAssertion(() => Assert.Equal("Connect to the VPN", cut.Find(".hw-hit-title").TextContent));
        Assert.DoesNotContain("Loading help…", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sv-SE", "Hjälp", "Hämtar hjälp…")]
    [InlineData("nb-NO", "Hjelp", "Laster inn hjelp…")]
    [InlineData("da-DK", "Hjælp", "Indlæser hjælp…")]
    [InlineData("fi-FI", "Ohje", "Ladataan ohjeita…")]
    public async Task Panel_SuggestionsPending_SaysItIsLoadingInTheUsersLanguage(string culture, string help, string loading)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var cut = Render<HelpLauncher>();
        var click = cut.FindButton(help).ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal(loading, cut.Find(".hw-message").TextContent));
        Gated.Release();
        await click;
    }

    [Fact]
    public async Task Panel_SuggestionsFail_StopsSayingItIsLoading()
    {
        Knowledge.OnSuggest = _ => throw new TimeoutException("The search index was still being built.");
        var cut = Render<HelpLauncher>();
        var click = cut.FindButton("Help").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Equal("Loading help…", cut.Find(".hw-message").TextContent));

        Gated.Release();
        await click;

        cut.WaitForAssertion(() => Assert.Equal("Type a few words to find help articles.", cut.Find(".hw-message").TextContent));
    }

    /// <summary>Suggestions that arrive only when the test releases them, as while the index is still being built.</summary>
    private sealed class GatedSuggestions(IKnowledgeProvider inner) : DelegatingKnowledgeProvider(inner)
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        public override async Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default)
        {
            await _released.Task.WaitAsync(cancellationToken);
            return await base.SuggestAsync(request, cancellationToken);
        }
    }
}
