using HelpWidget.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.Delivery.Tests;

/// <summary>Delivery configured from appsettings-style configuration, and the built-in sinks' names.</summary>
public sealed class DeliveryConfigurationTests : IDisposable
{
    private readonly SqliteTestFolder _files = new("hw-config-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ConfigureTicketDelivery_ConfigurationSection_BindsEveryOption()
    {
        var section = Section(new()
        {
            ["HelpWidget:Delivery:MaxAttempts"] = "7",
            ["HelpWidget:Delivery:InitialDelay"] = "00:00:02",
            ["HelpWidget:Delivery:MaxDelay"] = "00:10:00",
            ["HelpWidget:Delivery:AttemptTimeout"] = "00:00:15",
            ["HelpWidget:Delivery:LeaseDuration"] = "00:01:00",
            ["HelpWidget:Delivery:PollInterval"] = "00:00:05",
        });
        var services = new ServiceCollection();
        services.AddHelpWidget().ConfigureTicketDelivery(section);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<TicketDeliveryOptions>>().Value;

        Assert.Equal(
            (7, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5)),
            (options.MaxAttempts, options.InitialDelay, options.MaxDelay, options.AttemptTimeout, options.LeaseDuration, options.PollInterval));
    }

    [Fact]
    public async Task ConfigureTicketDelivery_ValueOutOfRange_StopsTheAppNamingIt()
    {
        var section = Section(new() { ["HelpWidget:Delivery:MaxAttempts"] = "-3", ["HelpWidget:Delivery:PollInterval"] = "2.00:00:00" });
        using var host = EngineHost.Build(_files.DatabasePath, new Uri("http://127.0.0.1:9/tickets"), configure: builder => builder.ConfigureTicketDelivery(section));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains("MaxAttempts (-3) must be from 1 to 1000.", error.Message, StringComparison.Ordinal);
        Assert.Contains("PollInterval (2.00:00:00) must be positive and one hour or less.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("1,5")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("00:00:05\n; DROP TABLE tickets")]
    public async Task ConfigureTicketDelivery_ValueThatIsNoTime_StopsTheAppNamingTheKey(string value)
    {
        var section = Section(new() { ["HelpWidget:Delivery:InitialDelay"] = value });
        using var host = EngineHost.Build(_files.DatabasePath, new Uri("http://127.0.0.1:9/tickets"), configure: builder => builder.ConfigureTicketDelivery(section));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Token));

        Assert.Contains("HelpWidget:Delivery:InitialDelay", error.Message, StringComparison.Ordinal);
        Assert.Contains("TimeSpan", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SinkName_WebhookSink_IsTheNameItsDeliveriesAreKeptUnder()
    {
        var services = new ServiceCollection();
        services.AddHelpWidget().AddWebhookSink(options =>
        {
            options.Url = new Uri("http://127.0.0.1:9/tickets");
            options.Secret = WebhookReceiver.Secret;
        });
        using var provider = services.BuildServiceProvider();

        Assert.Equal("webhook", WebhookSinkOptions.SinkName);
        Assert.Equal(WebhookSinkOptions.SinkName, Assert.Single(provider.GetServices<ITicketSink>()).Name);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("HelpWidget:Delivery");
}
