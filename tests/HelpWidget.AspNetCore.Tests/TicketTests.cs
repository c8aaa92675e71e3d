using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.AspNetCore.Tests;

/// <summary><c>POST tickets</c> stores a checked ticket once; only its sender can read it back.</summary>
public sealed class TicketTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task PostTicket_SignedInUserWithAttachment_IsStoredAndOnlyTheSenderCanReadItBack()
    {
        using var response = await Client.SendAsync(Http.Post("tickets", Ticket(Key(), ("log.txt", "text/plain", Encoding.UTF8.GetBytes("VPN error 809")), ("screen.png", "image/png", s_png)), "ticket-owner"), Token);

        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var reference = JsonDocument.Parse(text).RootElement.GetProperty("reference").GetString()!;
        Assert.EndsWith("tickets/" + reference, response.Headers.Location?.ToString(), StringComparison.Ordinal);

        using var mine = await Client.SendAsync(Http.Get("tickets/" + reference, "ticket-owner"), Token);
        var view = JsonDocument.Parse(await mine.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("The VPN does not connect", view.GetProperty("subject").GetString());
        Assert.Equal(["log.txt", "screen.png"], view.GetProperty("attachments").EnumerateArray().Select(a => a.GetString()));

        using var someoneElse = await Client.SendAsync(Http.Get("tickets/" + reference, "someone-else", "manager"), Token);
        await Http.ProblemAsync(someoneElse, HttpStatusCode.NotFound);
        using var anonymous = await Client.SendAsync(Http.Get("tickets/" + reference), Token);
        await Http.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PostTicket_ContextFromTheWidget_IsKeptScrubbedAndCannotClaimAnotherSender()
    {
        var content = Multipart($$$"""{"idempotencyKey":"{{{Key()}}}","subject":"The VPN does not connect","description":"Error 809.","name":"Erik","email":"erik@example.com","route":"/remote","language":"sv","context":{"searches":"vpn | mail anna.svensson@example.com","articlesRead":"vpn","app":"Expenses","userId":"someone-else","channel":"panel","page":"/forged"}}""");

        using var response = await Client.SendAsync(Http.Post("tickets", content, "context-sender"), Token);

        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var reference = JsonDocument.Parse(text).RootElement.GetProperty("reference").GetString()!;
        var stored = await fixture.Server.Services.GetRequiredService<IHelpStore>().GetTicketAsync(reference, Token);
        var context = stored!.Submission.Context;
        Assert.Equal(("context-sender", "api", "/remote", "sv"), (context["userId"], context["channel"], context["page"], context["culture"]));
        Assert.Equal(("vpn", "Expenses"), (context["articlesRead"], context["app"]));
        Assert.StartsWith("vpn | mail ", context["searches"], StringComparison.Ordinal);
        Assert.DoesNotContain("anna.svensson@example.com", context["searches"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostTicket_ContextBreakingTheRules_AnswersValidationProblem()
    {
        var content = Multipart($$$"""{"idempotencyKey":"{{{Key()}}}","subject":"The VPN does not connect","description":"Error 809.","name":"Erik","email":"erik@example.com","context":{"bad\u0000key":"x"}}""");

        using var response = await Client.SendAsync(Http.Post("tickets", content, "context-sender"), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_ticket", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("context", out _));
    }

    [Theory]
    [InlineData("tickets/HW-999999")]
    [InlineData("tickets/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("tickets/%27%20OR%201%3D1")]
    public async Task GetTicket_UnknownOrOddReference_AnswersNotFound(string path)
    {
        using var response = await Client.SendAsync(Http.Get(path, "ticket-owner"), Token);

        await Http.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostTicket_NotSignedIn_AnswersUnauthorized()
    {
        using var response = await Client.SendAsync(Http.Post("tickets", Ticket(Key())), Token);

        await Http.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PostTicket_SameIdempotencyKeyTwice_CreatesOneTicketAndRefusesTheKeyToAnotherUser()
    {
        var key = Key();
        using var first = await Client.SendAsync(Http.Post("tickets", Ticket(key), "retrier"), Token);
        using var retry = await Client.SendAsync(Http.Post("tickets", Ticket(key), "retrier"), Token);
        using var other = await Client.SendAsync(Http.Post("tickets", Ticket(key), "someone-else"), Token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var firstReference = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("reference").GetString();
        var retryReference = JsonDocument.Parse(await retry.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("reference").GetString();
        Assert.Equal(firstReference, retryReference);
        var problem = await Http.ProblemAsync(other, HttpStatusCode.Conflict);
        Assert.DoesNotContain(firstReference!, problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("photo.png", "image/png", "this is text, not a picture")]
    [InlineData("run.exe", "application/octet-stream", "MZ")]
    [InlineData("empty.txt", "text/plain", "")]
    public async Task PostTicket_AttachmentTheFormWouldRefuse_AnswersValidationProblem(string fileName, string contentType, string content)
    {
        using var response = await Client.SendAsync(Http.Post("tickets", Ticket(Key(), (fileName, contentType, Encoding.UTF8.GetBytes(content))), "erik"), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("files", out _), problem.ToString());
    }

    [Theory]
    [InlineData("""{"idempotencyKey":"k1","description":"d","email":"erik@example.com","name":"Erik"}""", "subject")]
    [InlineData("""{"idempotencyKey":"k2","subject":"s","description":"d","email":"not an address","name":"Erik"}""", "email")]
    [InlineData("""{"idempotencyKey":"k3","subject":"a\u0000b","description":"d","email":"erik@example.com","name":"Erik"}""", "subject")]
    public async Task PostTicket_FieldBreakingARule_AnswersValidationProblemNamingTheField(string json, string field)
    {
        using var response = await Client.SendAsync(Http.Post("tickets", Multipart(json), "erik"), Token);

        var problem = await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("[]")]
    public async Task PostTicket_MalformedTicketPart_AnswersBadRequest(string json)
    {
        using var response = await Client.SendAsync(Http.Post("tickets", Multipart(json), "erik"), Token);

        await Http.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostTicket_JsonInsteadOfMultipart_AnswersUnsupportedMediaType()
    {
        using var response = await Client.SendAsync(Http.Post("tickets", new StringContent("{}", Encoding.UTF8, "application/json"), "erik"), Token);

        await Http.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task PostTicket_FromAnotherSitesPage_IsRefused()
    {
        using var request = Http.Post("tickets", Ticket(Key()), "erik");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await Client.SendAsync(request, Token);

        await Http.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PostTicket_BodyLargerThanTheAttachmentLimits_AnswersPayloadTooLarge()
    {
        await using var server = await ApiServer.StartAsync(
            services: s => s.Configure<TicketAttachmentOptions>(o =>
            {
                o.MaxFileBytes = 64 * 1024;
                o.MaxTotalBytes = 128 * 1024;
            }),
            cancellationToken: Token);

        using var response = await server.Client.SendAsync(Http.Post("tickets", Ticket(Key(), ("big.txt", "text/plain", new byte[(1024 * 1024) + (200 * 1024)])), "erik"), Token);

        await Http.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    private static string Key() => Guid.NewGuid().ToString("N");

    private static MultipartFormDataContent Ticket(string key, params (string Name, string ContentType, byte[] Content)[] files)
    {
        var content = Multipart($$"""{"idempotencyKey":"{{key}}","subject":"The VPN does not connect","description":"Error 809 since this morning.","name":"Erik","email":"erik@example.com","route":"/remote","language":"en"}""");
        foreach (var (name, contentType, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(file, "files", name);
        }

        return content;
    }

    private static MultipartFormDataContent Multipart(string json) => new() { { new StringContent(json, Encoding.UTF8, "application/json"), "ticket" } };
}
