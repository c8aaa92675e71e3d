using System.Net;
using System.Net.Http.Headers;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>What the one tag's endpoints answer: its script and styles, and who may reach the widget's circuit.</summary>
public sealed class EmbedEndpointTests : IAsyncLifetime
{
    private EmbedServer _server = default!;

    public async ValueTask InitializeAsync() => _server = await EmbedServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("helpwidget/embed.js", "text/javascript")]
    [InlineData("helpwidget/embed.css", "text/css")]
    public async Task Files_AreServedWithTheirTypeAnETagAndACacheLifetime_AndRevalidate(string path, string type)
    {
        using var response = await _server.Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(TimeSpan.FromMinutes(10), response.Headers.CacheControl?.MaxAge);
        Assert.Contains("nosniff", response.Headers.GetValues("X-Content-Type-Options"));

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await _server.Client.SendAsync(again, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Script_IsGzippedForBrowsersThatAskForIt_AndSmall()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "helpwidget/embed.js");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await _server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        // 4 KB, and a quarter more since the script asks the roll-out whether to place its button.
        Assert.InRange(bytes.Length, 1, (4 * 1024) + 256);
    }

    [Fact]
    public async Task Status_AnswersAnAllowedOriginWithCors_AndAnotherWithout()
    {
        using var allowed = await StatusFromAsync(EmbedServer.AllowedOrigin);
        using var hostile = await StatusFromAsync("http://evil.test.example");

        Assert.Equal([EmbedServer.AllowedOrigin], allowed.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.False(hostile.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("http://evil.test.example")]
    [InlineData("null")]
    [InlineData("http://pages.test.example:8081")]
    public async Task Hub_RefusesPagesOfOriginsThatAreNotAllowed(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        using var response = await _server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("HelpWidget:Api:AllowedOrigins", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_NegotiatesWithAnAllowedOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", EmbedServer.AllowedOrigin);
        using var response = await _server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([EmbedServer.AllowedOrigin], response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    private async Task<HttpResponseMessage> StatusFromAsync(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "helpwidget/embed/status");
        request.Headers.Add("Origin", origin);
        return await _server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
