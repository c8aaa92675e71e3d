using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Http.Tests;

/// <summary>The offline cache is bounded in entries and in time.</summary>
public sealed class ResponseCacheTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Set_MoreThanCapacity_ForgetsTheLeastRecentlyUsed()
    {
        var cache = new ResponseCache(_time, TimeSpan.FromHours(1), capacity: 2);
        cache.Set("a", "A");
        cache.Set("b", "B");
        Assert.True(cache.TryGet<string>("a", out _));

        cache.Set("c", "C");

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet<string>("a", out var a));
        Assert.False(cache.TryGet<string>("b", out _));
        Assert.True(cache.TryGet<string>("c", out var c));
        Assert.Equal(("A", "C"), (a, c));
    }

    [Fact]
    public void TryGet_AfterTheDuration_MissesAndForgets()
    {
        var cache = new ResponseCache(_time, TimeSpan.FromMinutes(10), capacity: 10);
        cache.Set("a", "A");

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.True(cache.TryGet<string>("a", out _));
        _time.Advance(TimeSpan.FromTicks(1));

        Assert.False(cache.TryGet<string>("a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Set_ZeroDuration_RemembersNothing()
    {
        var cache = new ResponseCache(_time, TimeSpan.Zero, capacity: 10);

        cache.Set("a", "A");

        Assert.False(cache.TryGet<string>("a", out _));
    }

    [Fact]
    public void Set_ManyConcurrently_NeverExceedsCapacity()
    {
        var cache = new ResponseCache(_time, TimeSpan.FromHours(1), capacity: 50);

        Parallel.For(0, 10_000, i =>
        {
            cache.Set("k" + (i % 500), i);
            cache.TryGet<int>("k" + ((i * 7) % 500), out _);
        });

        Assert.Equal(50, cache.Count);
    }
}
