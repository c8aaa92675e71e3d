using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>Refused requests are counted by rule, and no tag carries what the caller typed.</summary>
public sealed class TelemetryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_Refused_IsCountedByEndpointAndRuleWithoutTheCallersText()
    {
        var measurements = new ConcurrentQueue<(string Instrument, Dictionary<string, string?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "HelpWidget.AspNetCore")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
            measurements.Enqueue((instrument.Name, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()))));
        listener.Start();
        await using var server = await ApiServer.StartAsync(api: o => o.SearchPermitLimit = 1, cancellationToken: Token);

        using var refused = await server.Client.SendAsync(Http.Get("search?q=secret-text%01"), Token);
        using var limited = await server.Client.SendAsync(Http.Get("search?q=secret-text"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains(measurements, m => m.Instrument == "helpwidget.api.validation_rejections"
            && m.Tags["helpwidget.endpoint"] == "search" && m.Tags["helpwidget.rule"] == "control_character");
        Assert.Contains(measurements, m => m.Instrument == "helpwidget.api.rate_limit_rejections"
            && m.Tags["helpwidget.policy"] == HelpWidgetApiRateLimitPolicies.Search);
        Assert.DoesNotContain(measurements, m => m.Tags.Values.Any(v => v?.Contains("secret", StringComparison.Ordinal) == true));
    }
}
