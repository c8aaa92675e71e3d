using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace HelpWidget.Smtp.Tests;

/// <summary>What the SMTP sink measures, against the real SMTP server on 127.0.0.1. Alone: it counts the package's static meters.</summary>
[Collection(nameof(SmtpTelemetryTests))]
[CollectionDefinition(nameof(SmtpTelemetryTests), DisableParallelization = true)]
public sealed class SmtpTelemetryTests(SmtpServerFixture server) : IClassFixture<SmtpServerFixture>
{
    [Fact]
    public async Task Messages_AreCountedAndTimedByOutcome_WithoutAddressesInTags()
    {
        using var messages = new MetricCollector<long>(null, "HelpWidget.Smtp", "helpwidget.smtp.messages");
        using var duration = new MetricCollector<double>(null, "HelpWidget.Smtp", "helpwidget.smtp.send.duration");

        await Sink("support@example.com").DeliverAsync(Delivery("HW-000901"), TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<TicketDeliveryException>(() => Sink("reject-me@example.com").DeliverAsync(Delivery("HW-000902"), TestContext.Current.CancellationToken));

        Assert.Equal(["sent", "permanent"], messages.GetMeasurementSnapshot().Select(m => (string)m.Tags["helpwidget.outcome"]!));
        Assert.Equal(2, duration.GetMeasurementSnapshot().Count);
        Assert.All(duration.GetMeasurementSnapshot(), m => Assert.True(m.Value is > 0 and < 20));
        Assert.DoesNotContain(messages.GetMeasurementSnapshot().SelectMany(m => m.Tags.Values), v => v?.ToString()?.Contains('@', StringComparison.Ordinal) == true);
    }

    private ITicketSink Sink(string to)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget().AddSmtpSink(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = server.Port;
            o.Security = SmtpSecurity.None;
            o.From = "Help desk <helpdesk@example.com>";
            o.To.Add(to);
        });
        return services.BuildServiceProvider().GetServices<ITicketSink>().Single();
    }

    private static TicketDelivery Delivery(string reference) => new()
    {
        Reference = reference,
        Attempt = 1,
        Submission = new TicketSubmission
        {
            IdempotencyKey = reference,
            Subject = "Printer",
            Description = "It jams.",
            Name = "Alex Example",
            Email = "alex@example.com",
            SubmittedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
        },
    };
}
