using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Testing;

/// <summary>
/// The behaviour every <see cref="IAnnouncementDismissals"/> must have: dismissals kept per user, shared by every
/// instance, repeats changing nothing, hostile identifiers kept as data or refused.
/// </summary>
/// <remarks>A store's test class derives from it and overrides <see cref="StoreConformanceTests.AddStoreAsync"/>.</remarks>
public abstract class AnnouncementDismissalsConformanceTests : StoreConformanceTests
{
    /// <summary>Gets the dismissals of the instance every test starts with.</summary>
    protected IAnnouncementDismissals Dismissals { get; private set; } = default!;

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Dismissals = (await StartInstanceAsync()).GetRequiredService<IAnnouncementDismissals>();
    }

#pragma warning disable CS1591 // Each test is documented by its name (Method_Scenario_Expectation), which is what a test runner reports.
    [Fact]
    public async Task DismissAsync_PerUser_IsKeptForEveryInstanceAndRepeatsChangeNothing()
    {
        await Dismissals.DismissAsync("alex", "outage-1", Token);
        await Dismissals.DismissAsync("alex", "outage-1", Token);
        await Dismissals.DismissAsync("alex", "welcome", Token);
        await Dismissals.DismissAsync("kim", "welcome", Token);

        var other = (await StartInstanceAsync()).GetRequiredService<IAnnouncementDismissals>();

        Assert.Equal(["outage-1", "welcome"], (await other.GetDismissedAsync("alex", Token)).Order(StringComparer.Ordinal));
        Assert.Equal(["welcome"], await other.GetDismissedAsync("kim", Token));
        Assert.Empty(await other.GetDismissedAsync("nobody", Token));
    }

    [Fact]
    public async Task GetDismissedAsync_UsersAndIdsDifferingInCase_AreDistinct()
    {
        await Dismissals.DismissAsync("Alex", "Outage", Token);

        Assert.Empty(await Dismissals.GetDismissedAsync("alex", Token));
        Assert.Equal(["Outage"], await Dismissals.GetDismissedAsync("Alex", Token));
    }

    [Fact]
    public async Task DismissAsync_ConcurrentDismissalsOnTwoInstances_AreAllKept()
    {
        var instances = new[] { Dismissals, (await StartInstanceAsync()).GetRequiredService<IAnnouncementDismissals>() };

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => instances[i % 2].DismissAsync("alex", $"a{i % 20}", Token), Token)));

        Assert.Equal(20, (await Dismissals.GetDismissedAsync("alex", Token)).Count);
    }

    [Theory]
    [InlineData("x'); DROP TABLE announcement_dismissals; --")]
    [InlineData("%")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("../../etc/passwd")]
    [InlineData("användare 🙂")]
    public async Task DismissAsync_HostileButValidIdentifiers_AreKeptAsData(string value)
    {
        await Dismissals.DismissAsync(value, value, Token);

        Assert.Equal([value], await Dismissals.GetDismissedAsync(value, Token));
        Assert.Empty(await Dismissals.GetDismissedAsync("alex", Token));
    }

    [Fact]
    public async Task Calls_InvalidIdentifiers_AreRefused()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Dismissals.DismissAsync(new string('u', 257), "a", Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Dismissals.DismissAsync("alex", new string('a', 129), Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Dismissals.DismissAsync("alex", "a\u0000b", Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Dismissals.DismissAsync("al\nex", "a", Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Dismissals.DismissAsync("", "a", Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Dismissals.DismissAsync(null!, "a", Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Dismissals.GetDismissedAsync(" ", Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Dismissals.GetDismissedAsync(new string('u', 257), Token));
        Assert.Empty(await Dismissals.GetDismissedAsync("alex", Token));
    }
#pragma warning restore CS1591
}
