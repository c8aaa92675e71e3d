using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Delivery.Tests;

/// <summary>The code in docs/delivery.md is this project's code, and it works against the real webhook sink.</summary>
public sealed class DocumentationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("WebhookSignature.cs", "verify")]
    [InlineData("ExampleReceiver.cs", "endpoint")]
    [InlineData("ExampleItsmSink.cs", "sink")]
    public void DeliveryGuide_ShowsTheCompiledExampleVerbatim(string file, string region)
    {
        var root = TestTickets.RepositoryRoot().FullName;
        var source = File.ReadAllText(Path.Combine(root, "tests", "HelpWidget.Delivery.Tests", file)).ReplaceLineEndings("\n");
        var guide = File.ReadAllText(Path.Combine(root, "docs", "delivery.md")).ReplaceLineEndings("\n");
        var start = source.IndexOf($"// <{region}>\n", StringComparison.Ordinal) + $"// <{region}>\n".Length;
        var example = source[start..source.IndexOf($"// </{region}>", StringComparison.Ordinal)];

        Assert.Contains(example, guide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExampleEndpoint_ReceivesFromTheWebhookSink_CreatesEachCaseOnceAndRefusesForgeries()
    {
        var cases = new ConcurrentDictionary<string, JsonElement>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapHelpWidgetTickets(WebhookReceiver.Secret, cases);
        await app.StartAsync(Token);
        var url = new Uri(new Uri(app.Urls.Single()), "/helpwidget/tickets");
        var services = new ServiceCollection();
        services.AddHelpWidget().AddWebhookSink(options =>
        {
            options.Url = url;
            options.Secret = WebhookReceiver.Secret;
        });
        await using var provider = services.BuildServiceProvider();
        var sink = provider.GetRequiredService<ITicketSink>();
        var delivery = new TicketDelivery { Reference = "HW-000077", Submission = TestTickets.Create("doc-example"), Attempt = 1 };

        await sink.DeliverAsync(delivery, Token);
        await sink.DeliverAsync(delivery, Token);
        using var http = new HttpClient();
        using var forged = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{\"reference\":\"HW-666666\"}") };
        forged.Headers.Add("Idempotency-Key", "forged");
        forged.Headers.Add("X-HelpWidget-Timestamp", "1795000000");
        forged.Headers.Add("X-HelpWidget-Signature", "sha256=" + new string('0', 64));
        using var answer = await http.SendAsync(forged, Token);

        Assert.Equal("HW-000077", Assert.Single(cases).Value.GetProperty("reference").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Theory]
    [InlineData(201, null)]
    [InlineData(409, null)]
    [InlineData(422, true)]
    [InlineData(503, false)]
    public async Task ExampleItsmSink_RegisteredAsTheGuideShows_MapsTheApiAnswer(int status, bool? permanent)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var api = builder.Build();
        JsonElement? incident = null;
        api.MapPost("/api/incidents", (JsonElement body) =>
        {
            incident = body.Clone();
            return Results.StatusCode(status);
        });
        await api.StartAsync(Token);
        var services = new ServiceCollection();
        services.AddHttpClient("itsm", http => http.BaseAddress = new Uri(api.Urls.Single()));
        services.AddHelpWidget().AddTicketSink<ItsmTicketSink>();
        await using var provider = services.BuildServiceProvider();
        var delivery = new TicketDelivery { Reference = "HW-000078", Submission = TestTickets.Create("itsm-key"), Attempt = 1 };

        var error = await Record.ExceptionAsync(() => provider.GetRequiredService<ITicketSink>().DeliverAsync(delivery, Token));

        Assert.Equal(permanent, (error as TicketDeliveryException)?.IsPermanent);
        Assert.Equal(("itsm-key", "HW-000078"), (incident!.Value.GetProperty("correlationId").GetString(), incident.Value.GetProperty("externalReference").GetString()));
    }
}
