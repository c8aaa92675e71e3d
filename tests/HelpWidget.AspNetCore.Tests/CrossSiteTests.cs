using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>Another site's page cannot post with the user's cookies; configured origins get CORS answers.</summary>
public sealed class CrossSiteTests
{
    private const string Partner = "https://intranet.example";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("null", null)]
    [InlineData(null, "cross-site")]
    [InlineData("https://intranet.example.evil.example", "cross-site")]
    public async Task PostFeedback_FromAnotherSitesPage_IsRefusedAndNothingIsStored(string? origin, string? fetchSite)
    {
        await using var server = await ApiServer.StartAsync(api: o => o.AllowedOrigins.Add(Partner), cancellationToken: Token);
        using var request = Feedback("forged", origin, fetchSite);

        using var response = await server.Client.SendAsync(request, Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("cross_site_request", problem.GetProperty("code").GetString());
        Assert.Equal(0, await CountAsync(server, "forged"));
    }

    [Fact]
    public async Task DismissAnnouncement_FromAnotherSitesPage_IsRefused()
    {
        await using var server = await ApiServer.StartAsync(cancellationToken: Token);
        using var request = Http.Post($"announcements/{TestKnowledgeBase.PublicAnnouncement}/dismissal", null, "erik");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await server.Client.SendAsync(request, Token);

        await Http.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Partner, "cross-site")]
    [InlineData(null, "same-origin")]
    [InlineData(null, null)]
    public async Task PostFeedback_FromAConfiguredOriginOrTheApisOwnOrNotABrowser_IsStored(string? origin, string? fetchSite)
    {
        await using var server = await ApiServer.StartAsync(api: o => o.AllowedOrigins.Add(Partner), cancellationToken: Token);
        using var request = Feedback("allowed", origin, fetchSite);

        using var response = await server.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(1, await CountAsync(server, "allowed"));
    }

    [Fact]
    public async Task PostFeedback_FromTheApisOwnOrigin_IsStored()
    {
        await using var server = await ApiServer.StartAsync(cancellationToken: Token);
        var own = server.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        using var request = Feedback("own", own, "same-origin");

        using var response = await server.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData(Partner, true)]
    [InlineData("https://evil.example", false)]
    public async Task Preflight_FromAnOrigin_IsAllowedOnlyForConfiguredOrigins(string origin, bool allowed)
    {
        await using var server = await ApiServer.StartAsync(api: o => o.AllowedOrigins.Add(Partner), cancellationToken: Token);
        using var request = new HttpRequestMessage(HttpMethod.Options, "feedback");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await server.Client.SendAsync(request, Token);

        var allowOrigin = response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        Assert.Equal(allowed ? origin : null, allowOrigin);
        if (allowed)
        {
            Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        }
    }

    [Theory]
    [InlineData("authorization", true)]
    [InlineData("content-type,accept-language,authorization", true)]
    [InlineData("x-test-user", false)]
    public async Task Preflight_RequestHeaders_AllowsTheTokenOfAnotherOriginsAppButNoOtherHeader(string headers, bool allowed)
    {
        await using var server = await ApiServer.StartAsync(api: o => o.AllowedOrigins.Add(Partner), cancellationToken: Token);
        using var request = new HttpRequestMessage(HttpMethod.Options, "search");
        request.Headers.Add("Origin", Partner);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", headers);

        using var response = await server.Client.SendAsync(request, Token);

        var allowHeaders = response.Headers.TryGetValues("Access-Control-Allow-Headers", out var values)
            ? string.Join(',', values).Split(',', StringSplitOptions.TrimEntries)
            : [];
        Assert.Equal(allowed, headers.Split(',').All(h => allowHeaders.Contains(h, StringComparer.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task AddHelpWidgetApi_OriginWithAPathOrWildcard_FailsAtStart()
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => ApiServer.StartAsync(api: o => o.AllowedOrigins.Add("https://*.example/app"), cancellationToken: Token));

        Assert.Contains("AllowedOrigins", exception.ToString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Feedback(string feedbackId, string? origin, string? fetchSite)
    {
        var body = $$"""{"feedbackId":"{{feedbackId}}","articleId":"vpn","language":"en","helpful":true}""";
        var request = Http.Post("feedback", new StringContent(body, Encoding.UTF8, "application/json"), "erik", "employee");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return request;
    }

    private static async Task<long> CountAsync(ApiServer server, string feedbackId)
    {
        await using var connection = new SqliteConnection(server.DatabaseConnectionString);
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM feedback WHERE feedback_id = $id";
        command.Parameters.AddWithValue("$id", feedbackId);
        try
        {
            return (long)(await command.ExecuteScalarAsync(Token))!;
        }
        catch (SqliteException)
        {
            // The store creates its tables on first use: no table, no feedback.
            return 0;
        }
    }
}
