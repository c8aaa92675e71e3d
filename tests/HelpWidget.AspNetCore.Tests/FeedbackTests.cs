using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;

namespace HelpWidget.AspNetCore.Tests;

/// <summary><c>POST feedback</c> stores what the panel stores, with the store's rules, and refuses oversize or malformed bodies.</summary>
public sealed class FeedbackTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task PostFeedback_ValidAnswer_IsStoredWithPersonalDataScrubbedFromTheQuery()
    {
        var feedbackId = Guid.NewGuid().ToString("N");
        using var response = await Client.SendAsync(
            Http.Post("feedback", Json($$"""{"feedbackId":"{{feedbackId}}","articleId":"vpn","language":"en","helpful":false,"reason":"unclear","comment":"Which client?","route":"/remote","query":"vpn for anna@example.com"}"""), "erik", "employee"),
            Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (articleId, helpful, query) = await StoredAsync(feedbackId);
        Assert.Equal("vpn", articleId);
        Assert.False(helpful);
        Assert.NotNull(query);
        Assert.DoesNotContain("anna@example.com", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostFeedback_RestrictedArticleOutsideItsAudience_AnswersNotFound()
    {
        using var response = await Client.SendAsync(
            Http.Post("feedback", Json("""{"articleId":"salary-review","language":"en","helpful":true}"""), "erik", "employee"),
            Token);

        await Http.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"articleId":"vpn","language":"en"}""", "helpful")]
    [InlineData("""{"language":"en","helpful":true}""", "articleId")]
    [InlineData("""{"articleId":"vpn","language":"en","helpful":true,"comment":"a\u0001b"}""", "comment")]
    [InlineData("""{"articleId":"vpn","language":"../../x","helpful":true}""", "language")]
    [InlineData("""{"articleId":"vpn","language":"en","helpful":true,"feedbackId":"has space"}""", "feedbackId")]
    public async Task PostFeedback_FieldBreakingARule_AnswersValidationProblemNamingTheField(string body, string field)
    {
        using var response = await Client.SendAsync(Http.Post("feedback", Json(body)), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("""{"articleId":"vpn","language":"en","helpful":true,"reason":"\ud800"}""")]
    [InlineData("""{"articleId":"vpn","language":"en","helpful":true,"comment":"ok \udc00 ok"}""")]
    public async Task PostFeedback_LoneSurrogate_AnswersBadRequestProblemDetails(string body)
    {
        using var response = await Client.SendAsync(Http.Post("feedback", Json(body)), Token);

        await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostFeedback_CommentLongerThanTheStoreAccepts_AnswersValidationProblem()
    {
        var comment = new string('x', ArticleFeedback.MaxCommentLength + 1);
        using var response = await Client.SendAsync(Http.Post("feedback", Json($$"""{"articleId":"vpn","language":"en","helpful":false,"comment":"{{comment}}"}""")), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("comment", out _));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("""{"articleId":"vpn","helpful":"yes"}""")]
    [InlineData("not json")]
    public async Task PostFeedback_MalformedJson_AnswersBadRequestProblemDetails(string body)
    {
        using var response = await Client.SendAsync(Http.Post("feedback", Json(body)), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("malformed_json", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task PostFeedback_BodyLargerThanTheLimit_AnswersPayloadTooLarge()
    {
        using var response = await Client.SendAsync(Http.Post("feedback", Json(OversizeBody())), Token);

        await Http.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostFeedback_ChunkedBodyLargerThanTheLimit_AnswersPayloadTooLarge()
    {
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(OversizeBody())));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = Http.Post("feedback", content);
        request.Headers.TransferEncodingChunked = true;
        using var response = await Client.SendAsync(request, Token);

        await Http.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostFeedback_NotJson_AnswersUnsupportedMediaType()
    {
        using var response = await Client.SendAsync(Http.Post("feedback", new StringContent("articleId=vpn", Encoding.UTF8, "application/x-www-form-urlencoded")), Token);

        await Http.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string OversizeBody() => $$"""{"articleId":"vpn","language":"en","helpful":false,"comment":"{{new string('x', 70 * 1024)}}"}""";

    private async Task<(string ArticleId, bool Helpful, string? Query)> StoredAsync(string feedbackId)
    {
        await using var connection = new SqliteConnection(fixture.Server.DatabaseConnectionString);
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT article_id, helpful, query FROM feedback WHERE feedback_id = $id";
        command.Parameters.AddWithValue("$id", feedbackId);
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token), "The feedback was not stored.");
        return (reader.GetString(0), reader.GetInt64(1) != 0, reader.IsDBNull(2) ? null : reader.GetString(2));
    }
}
