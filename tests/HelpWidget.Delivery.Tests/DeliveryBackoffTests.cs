namespace HelpWidget.Delivery.Tests;

public sealed class DeliveryBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(30);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(9, 1280)]
    [InlineData(10, 1800)]
    [InlineData(1000, 1800)]
    public void Ceiling_DoublesPerAttemptUpToMaxDelay(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DeliveryBackoff.Ceiling(attempt, Initial, Max));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999999)]
    public void Delay_StaysBetweenHalfTheCeilingAndTheCeiling(double random)
    {
        for (var attempt = 1; attempt <= 40; attempt++)
        {
            var ceiling = DeliveryBackoff.Ceiling(attempt, Initial, Max);

            var delay = DeliveryBackoff.Delay(attempt, Initial, Max, random);

            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void Delay_DifferentRandomDraws_GiveDifferentWaits() =>
        Assert.True(DeliveryBackoff.Delay(4, Initial, Max, 0.1) < DeliveryBackoff.Delay(4, Initial, Max, 0.9));
}
