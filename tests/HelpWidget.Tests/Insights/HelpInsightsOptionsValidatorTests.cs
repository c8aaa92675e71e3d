using HelpWidget.Insights;

namespace HelpWidget.Tests.Insights;

public sealed class HelpInsightsOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.True(new HelpInsightsOptionsValidator().Validate(null, new HelpInsightsOptions()).Succeeded);

    [Fact]
    public void BadValues_AreRefused_WithMessagesNamingThem()
    {
        var result = new HelpInsightsOptionsValidator().Validate(null, new HelpInsightsOptions
        {
            UserKeySecret = Convert.ToBase64String(new byte[16]),
            BufferCapacity = 10,
            BatchSize = 0,
            RetentionPeriod = TimeSpan.FromHours(1),
            RetentionInterval = TimeSpan.FromSeconds(1),
        });

        Assert.True(result.Failed);
        Assert.Contains("UserKeySecret", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("BufferCapacity (10)", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("BatchSize (0)", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RetentionPeriod (01:00:00)", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RetentionInterval (00:00:01)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("")]
    public void ASecretThatIsNotBase64_IsRefused(string secret) =>
        Assert.True(new HelpInsightsOptionsValidator().Validate(null, new HelpInsightsOptions { UserKeySecret = secret }).Failed);
}
