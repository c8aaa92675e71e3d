using HelpWidget.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Sqlite.Tests;

public sealed class SqliteAnnouncementDismissalsTests : IDisposable
{
    private readonly SqliteTestFolder _files = new("hw-dismissals-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Dismissals_AreKeptPerUser_InTheFile_AndRepeatsChangeNothing()
    {
        using (var first = Create())
        {
            await first.DismissAsync("alex", "outage-1", Token);
            await first.DismissAsync("alex", "outage-1", Token);
            await first.DismissAsync("kim", "welcome", Token);
        }

        using var second = Create();
        Assert.Equal(["outage-1"], await second.GetDismissedAsync("alex", Token));
        Assert.Equal(["welcome"], await second.GetDismissedAsync("kim", Token));
        Assert.Empty(await second.GetDismissedAsync("nobody", Token));
    }

    [Fact]
    public async Task HostileValues_AreStoredAsData_OrRefused()
    {
        using var store = Create();

        await store.DismissAsync("x'); DROP TABLE announcement_dismissals; --", "a", Token);

        Assert.Equal(["a"], await store.GetDismissedAsync("x'); DROP TABLE announcement_dismissals; --", Token));
        await Assert.ThrowsAsync<ArgumentException>("userId", () => store.DismissAsync(new string('u', 257), "a", Token));
        await Assert.ThrowsAsync<ArgumentException>("announcementId", () => store.DismissAsync("alex", "a\u0000b", Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.GetDismissedAsync(" ", Token));
    }

    private SqliteAnnouncementDismissals Create() => new(
        Options.Create(new SqliteStoreOptions { ConnectionString = _files.ConnectionString }),
        new FakeTimeProvider());
}
