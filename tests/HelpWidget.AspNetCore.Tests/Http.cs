using System.Net;
using System.Text.Json;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>Requests as a given caller, and the checks every error response must pass.</summary>
internal static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static HttpRequestMessage Get(string path, string? user = null, string? roles = null) =>
        As(new HttpRequestMessage(HttpMethod.Get, path), user, roles);

    public static HttpRequestMessage Post(string path, HttpContent? content, string? user = null, string? roles = null) =>
        As(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, user, roles);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }

    /// <summary>Checks a ProblemDetails answer: the status, the media type, and no trace of the server's internals.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at HelpWidget", text, StringComparison.Ordinal);
        return problem;
    }

    private static HttpRequestMessage As(HttpRequestMessage request, string? user, string? roles)
    {
        if (user is not null)
        {
            request.Headers.Add(HeaderAuthenticationHandler.UserHeader, user);
        }

        if (roles is not null)
        {
            request.Headers.Add(HeaderAuthenticationHandler.RolesHeader, roles);
        }

        return request;
    }
}
