using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace HelpWidget.Http.Tests;

/// <summary>What the help-server client measures, against a real help server on 127.0.0.1. Alone: it counts the package's static meters.</summary>
[Collection(nameof(HelpServerTelemetryTests))]
[CollectionDefinition(nameof(HelpServerTelemetryTests), DisableParallelization = true)]
public sealed class HelpServerTelemetryTests
{
    [Fact]
    public async Task Calls_AreTimedByEndpointAndStatus_AndAnUnreachableServerIsCounted_WithoutTheQuery()
    {
        using var duration = new MetricCollector<double>(null, "HelpWidget.Http", "helpwidget.http.request.duration");
        using var unavailable = new MetricCollector<long>(null, "HelpWidget.Http", "helpwidget.http.unavailable");
        var server = await TestHelpServer.StartAsync(TestData.Articles, cancellationToken: TestContext.Current.CancellationToken);
        await using var stopped = server;
        await using var client = new TestClient(server.Address, o => o.MaxRetryAttempts = 0);

        await client.Provider.SearchAsync(new SearchRequest { Query = "vpn anna@example.se" }, TestContext.Current.CancellationToken);
        await server.StopAsync();
        await Assert.ThrowsAsync<HelpServerException>(() => client.Provider.SearchAsync(new SearchRequest { Query = "printer" }, TestContext.Current.CancellationToken));

        var measurements = duration.GetMeasurementSnapshot();
        Assert.Equal([200, 0], measurements.Select(m => (int)m.Tags["http.response.status_code"]!));
        Assert.All(measurements, m => Assert.Equal(measurements[0].Tags["helpwidget.endpoint"], m.Tags["helpwidget.endpoint"]));
        Assert.Equal(1, unavailable.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.DoesNotContain(measurements.SelectMany(m => m.Tags.Values), v => v?.ToString() is { } text && (text.Contains("vpn", StringComparison.Ordinal) || text.Contains("anna", StringComparison.Ordinal)));
    }
}
