using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Tests.Delivery;

public sealed class DeliveryOptionsValidatorTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(1000)]
    public void MaxAttempts_FromOneToAThousand_IsValid(int attempts) =>
        Assert.Empty(DeliveryFailures(o => o.MaxAttempts = attempts));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    [InlineData(int.MinValue)]
    public void MaxAttempts_OutOfRange_FailsNamingTheValue(int attempts) =>
        Assert.Equal($"MaxAttempts ({attempts}) must be from 1 to 1000.", Assert.Single(DeliveryFailures(o => o.MaxAttempts = attempts)));

    [Fact]
    public void Webhook_UrlAndSecret_IsValid() =>
        Assert.Empty(WebhookFailures(new Uri("https://help.example/tickets"), Secret));

    [Fact]
    public void Webhook_NoUrl_FailsAsRequired() =>
        Assert.Equal("The webhook's Url is required.", Assert.Single(WebhookFailures(null, Secret)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("                                        ")]
    [InlineData("\t\r\n\t\r\n\t\r\n\t\r\n\t\r\n\t\r\n\t\r\n\t\r\n\t\r\n\t\r\n\t\r\n")]
    public void Webhook_NoSecretOrOnlyWhiteSpace_FailsAsRequiredOnce(string? secret) =>
        Assert.Equal("The webhook's Secret is required.", Assert.Single(WebhookFailures(new Uri("https://help.example/tickets"), secret)));

    [Fact]
    public void Webhook_NeitherUrlNorSecret_FailsForBoth()
    {
        var failures = WebhookFailures(null, null);

        Assert.Equal(["The webhook's Url is required.", "The webhook's Secret is required."], failures);
    }

    [Fact]
    public void Webhook_ShortSecret_FailsWithItsLengthNeverItsText()
    {
        const string secret = "hunter2-but-longer-\r\nthan-that";

        var failure = Assert.Single(WebhookFailures(new Uri("https://help.example/tickets"), secret));

        Assert.Equal($"The webhook's Secret has {secret.Length} characters; it needs at least 32, such as 32 random bytes in hex.", failure);
    }

    private static IReadOnlyList<string> DeliveryFailures(Action<TicketDeliveryOptions> configure) =>
        OptionsValidation<TicketDeliveryOptions>.FailuresOf(new ServiceCollection().AddHelpWidget().ConfigureTicketDelivery(configure).Services);

    private static IReadOnlyList<string> WebhookFailures(Uri? url, string? secret) =>
        OptionsValidation<WebhookSinkOptions>.FailuresOf(new ServiceCollection().AddHelpWidget().AddWebhookSink(o => (o.Url, o.Secret) = (url, secret)).Services);
}
