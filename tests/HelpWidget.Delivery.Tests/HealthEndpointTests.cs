using System.Net;
using HelpWidget.Sqlite;
using HelpWidget.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Delivery.Tests;

/// <summary>The delivery health check behind a real health endpoint on Kestrel, while a real webhook receiver is down and back.</summary>
public sealed class HealthEndpointTests : IDisposable
{
    private const int TicketDeliveredEvent = 21;
    private readonly SqliteTestFolder _files = new("hw-healthz-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task HealthEndpoint_ReceiverDownWithAnOldTicket_Answers503UntilTheQueueDrains()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await receiver.StopAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var logs = new RecordingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddHelpWidget()
            .AddSqliteStore(options => options.ConnectionString = _files.ConnectionString)
            .AddWebhookSink(options =>
            {
                options.Url = receiver.Url;
                options.Secret = WebhookReceiver.Secret;
            })
            .ConfigureTicketDelivery(options =>
            {
                options.InitialDelay = TimeSpan.FromMilliseconds(20);
                options.MaxDelay = TimeSpan.FromMilliseconds(250);
            });
        builder.Services.AddHealthChecks().AddTicketDeliveryHealthCheck(options => options.UnhealthyAfter = TimeSpan.FromMinutes(30));
        await using var app = builder.Build();
        app.MapHealthChecks("/healthz");
        await app.StartAsync(Token);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var empty = await http.GetAsync(new Uri("/healthz", UriKind.Relative), Token);
        var stuck = TestTickets.Create("stuck", submittedAt: TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(40));
        await app.Services.GetRequiredService<IHelpStore>().SaveTicketAsync(stuck, Token);
        using var down = await http.GetAsync(new Uri("/healthz", UriKind.Relative), Token);
        await receiver.StartAsync();
        await receiver.WaitUntilAsync(r => r.CaseCount == 1, TimeSpan.FromSeconds(30));
        // The case is created before the sink's answer is recorded: wait until the delivery is (event 21).
        await logs.WaitForAsync(TicketDeliveredEvent, count: 1, TimeSpan.FromSeconds(30));
        using var drained = await http.GetAsync(new Uri("/healthz", UriKind.Relative), Token);

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (empty.StatusCode, await empty.Content.ReadAsStringAsync(Token)));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (down.StatusCode, await down.Content.ReadAsStringAsync(Token)));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (drained.StatusCode, await drained.Content.ReadAsStringAsync(Token)));
    }
}
