using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpWidget.Browser.Tests;

/// <summary>
/// The one tag when the help server is down (the fixture's <see cref="FaultProxy"/> between the page and the help
/// server): at load, the page is unaffected, no script error, nothing moves; after load, the Help button says help is
/// unavailable in the page's language and offers the contact channels of the tag, and opens the panel once the server is back.
/// </summary>
[Collection("embed")]
public sealed class EmbedFaultTests(EmbedFixture app) : EmbedPageTests(app)
{
    private const string Content = """
        <header><h1>Travel desk</h1></header>
        <main>
          <p id="intro">Book trips and claim what they cost.</p>
          <form aria-label="Trip"><label for="destination">Destination</label> <input id="destination" type="text"> <button type="submit">Book</button></form>
          <p>Travelling by car? <button type="button" data-helpwidget-article="expense-mileage" aria-label="Help: mileage">?</button></p>
        </main>
        <footer><p>Nordhav travel desk</p></footer>
        """;

    /// <summary>The boxes of the page's own elements (the widget's host element and scripts left out).</summary>
    private const string HostBoxes = """
        () => [document.body, ...document.body.querySelectorAll('*')]
          .filter(e => e.localName !== 'script' && !e.closest('[data-helpwidget]'))
          .map(e => { const b = e.getBoundingClientRect(); return `${e.localName} ${b.x.toFixed(1)} ${b.y.toFixed(1)} ${b.width.toFixed(1)} ${b.height.toFixed(1)}`; })
        """;

    private FaultProxy Proxy => App.Proxy;

    [Fact]
    public async Task HelpServerDownWhenThePageLoads_PageIsUnaffected()
    {
        var policy = EmbedFixture.StrictCsp(Proxy.Address);
        var without = Serve("down-without-tag", HostPage(Content, tag: null), policy);
        var with = Serve("down-with-tag", HostPage(Content, EmbedFixture.SnippetFor(Proxy.Address)), policy);
        await Page.GotoAsync(without.ToString());
        var expected = await Page.EvaluateAsync<string[]>(HostBoxes);
        var globals = await Page.EvaluateAsync<string[]>("() => Object.getOwnPropertyNames(window)");

        ExpectFailuresFrom(Proxy.Address.GetLeftPart(UriPartial.Authority));
        try
        {
            await Proxy.SwitchAsync(ProxyMode.Stopped);
            var loader = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Page.RequestFinished += (_, request) => Settle(request, loaded: true);
            Page.RequestFailed += (_, request) => Settle(request, loaded: false);
            await Page.GotoAsync(with.ToString(), new() { WaitUntil = WaitUntilState.Load });
            Assert.False(await loader.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken), "The tag's script loaded although the help server was down.");

            void Settle(IRequest request, bool loaded)
            {
                if (request.Url.EndsWith("/helpwidget/embed.js", StringComparison.Ordinal))
                {
                    loader.TrySetResult(loaded);
                }
            }

            // Nothing of the widget: no button, no global, no element; the page's own content where it was, and working.
            await Expect(Launcher).ToHaveCountAsync(0);
            Assert.Equal(expected, await Page.EvaluateAsync<string[]>(HostBoxes));
            Assert.Equal(globals, await Page.EvaluateAsync<string[]>("() => Object.getOwnPropertyNames(window)"));
            await Page.GetByRole(AriaRole.Textbox, new() { Name = "Destination" }).FillAsync("Oslo");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Help: mileage" }).ClickAsync();
            await Page.Keyboard.PressAsync("?");
            await Expect(Page.GetByRole(AriaRole.Textbox, new() { Name = "Destination" })).ToHaveValueAsync("Oslo");
            await AssertAccessibleAsync("server-down-at-load");
        }
        finally
        {
            await Proxy.SwitchAsync(ProxyMode.Forward);
        }

        await AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData("en", "Help", "Help is unavailable right now.", "Reach support directly", "Support site")]
    [InlineData("sv", "Hjälp", "Hjälpen är inte tillgänglig just nu.", "Kontakta supporten direkt", "Supportwebbplats")]
    public async Task HelpServerDownAfterLoad_ButtonSaysUnavailable_WithTheTagsContacts_AndOpensOnceItIsBack(
        string language, string help, string unavailable, string channels, string site)
    {
        var tag = Tag(Proxy.Address, ("contact-email", "servicedesk@nordhav.example"), ("contact-phone", "+46 8 123 456 00"), ("contact-url", "https://support.nordhav.example/"));
        var address = Serve($"down-after-load-{language}", HostPage(Content, tag, language: language), EmbedFixture.StrictCsp(Proxy.Address));
        var launcher = Page.GetByRole(AriaRole.Button, new() { Name = help, Exact = true });
        var without = Serve($"down-after-load-{language}-without-tag", HostPage(Content, tag: null, language: language), EmbedFixture.StrictCsp(Proxy.Address));
        await Page.GotoAsync(without.ToString());
        var expected = await Page.EvaluateAsync<string[]>(HostBoxes);

        await Page.GotoAsync(address.ToString());
        await Expect(launcher).ToBeVisibleAsync();
        Assert.Equal(expected, await Page.EvaluateAsync<string[]>(HostBoxes));
        ExpectFailuresFrom(Proxy.Address.GetLeftPart(UriPartial.Authority));
        try
        {
            await Proxy.SwitchAsync(ProxyMode.Stopped);
            await launcher.ClickAsync();

            var note = Page.GetByRole(AriaRole.Status).Filter(new() { HasText = unavailable });
            await Expect(note).ToBeVisibleAsync();
            await Expect(note).ToContainTextAsync(channels);
            await Expect(note.GetByRole(AriaRole.Link, new() { Name = "servicedesk@nordhav.example" })).ToHaveAttributeAsync("href", "mailto:servicedesk@nordhav.example");
            await Expect(note.GetByRole(AriaRole.Link, new() { Name = "+46 8 123 456 00" })).ToHaveAttributeAsync("href", "tel:+46812345600");
            await Expect(note.GetByRole(AriaRole.Link, new() { Name = site })).ToHaveAttributeAsync("href", "https://support.nordhav.example/");
            await Expect(Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
            Assert.Equal(expected, await Page.EvaluateAsync<string[]>(HostBoxes));
            await AssertAccessibleAsync($"server-down-after-load-{language}");
        }
        finally
        {
            await Proxy.SwitchAsync(ProxyMode.Forward);
        }

        // Back: the next press opens the panel, in the page's language, and the message is gone.
        await launcher.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Dialog, new() { Name = help })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = unavailable })).ToHaveCountAsync(0);
        await AssertNoProblemsAsync();
    }
}
