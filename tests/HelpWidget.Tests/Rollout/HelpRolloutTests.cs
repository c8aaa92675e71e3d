using System.Buffers.Binary;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Tests.Rollout;

public sealed class HelpRolloutTests
{
    private static readonly HelpUser s_pilot = new() { Id = "u-1", Audiences = ["Employee", "Pilot"] };
    private static readonly HelpUser s_colleague = new() { Id = "u-2", Audiences = ["Employee"] };

    [Fact]
    public void ShowsLauncher_NoRolloutConfigured_EveryoneEverywhere()
    {
        using var provider = new ServiceCollection().AddLogging().AddHelpWidget().Services.BuildServiceProvider();
        var rollout = provider.GetRequiredService<IHelpRollout>();

        Assert.True(rollout.ShowsLauncher(HelpUser.Anonymous, "/"));
        Assert.True(rollout.ShowsLauncher(s_colleague, "/expenses/new?x=1"));
        Assert.True(rollout.IsAreaLive("anything"));
        Assert.True(rollout.IsAreaLive(null));
    }

    [Fact]
    public void ShowsLauncher_RolesAudience_OnlyMembersOfARoleIgnoringCase()
    {
        using var app = new RolloutServices("""{ "Launcher": { "Audience": "roles", "Roles": [ "pilot" ] } }""");

        Assert.True(app.Rollout.ShowsLauncher(s_pilot, "/"));
        Assert.False(app.Rollout.ShowsLauncher(s_colleague, "/"));
        Assert.False(app.Rollout.ShowsLauncher(HelpUser.Anonymous, "/"));
    }

    [Fact]
    public void ShowsLauncher_ClaimsAudience_AnyOneOfTheClaims()
    {
        using var app = new RolloutServices("""
            { "Launcher": { "Audience": "Claims", "Claims": [ { "Type": "department", "Value": "Finance" }, { "Type": "groups", "Value": "g-42" } ] } }
            """);

        Assert.True(app.Rollout.ShowsLauncher(s_colleague, "/", [new Claim("department", "finance")]));
        Assert.True(app.Rollout.ShowsLauncher(s_colleague, "/", [new Claim("name", "x"), new Claim("groups", "g-42")]));
        Assert.False(app.Rollout.ShowsLauncher(s_colleague, "/", [new Claim("department", "sales")]));
        Assert.False(app.Rollout.ShowsLauncher(s_colleague, "/", [new Claim("team", "finance")]));
        Assert.False(app.Rollout.ShowsLauncher(s_colleague, "/"));
    }

    [Fact]
    public void ShowsLauncher_Share_IsTheDocumentedKeyedHashOfTheUserId()
    {
        const string key = "pilot-2026";
        using var app = new RolloutServices($$"""{ "Launcher": { "Audience": "Share", "Share": { "Percent": 37.5, "Key": "{{key}}" } } }""");

        // docs/rollout.md: HMAC-SHA256 of the UTF-8 id under the UTF-8 key, first four bytes big-endian, modulo 10,000,
        // in the share when below Percent × 100.
        for (var i = 0; i < 500; i++)
        {
            var id = $"user-{i}@example.test";
            var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(id));
            var expected = BinaryPrimitives.ReadUInt32BigEndian(hash) % 10_000 < 3750;
            Assert.Equal(expected, app.Rollout.ShowsLauncher(new HelpUser { Id = id }, "/"));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(90)]
    public void ShowsLauncher_Share_TenThousandIdsWithinTwoPointsOfThePercentage(double percent)
    {
        using var app = new RolloutServices($$"""{ "Launcher": { "Audience": "Share", "Share": { "Percent": {{percent}}, "Key": "k" } } }""");

        var inShare = Enumerable.Range(0, 10_000).Count(i => app.Rollout.ShowsLauncher(new HelpUser { Id = Guid.CreateVersion7().ToString() }, "/"));

        Assert.InRange(inShare / 100.0, percent - 2, percent + 2);
    }

    [Fact]
    public void ShowsLauncher_Share_SameAnswerInAnotherAppAndAfterRaisingThePercentageEveryoneStaysIn()
    {
        const string settings = """{ "Launcher": { "Audience": "Share", "Share": { "Percent": 20, "Key": "stable" } } }""";
        using var first = new RolloutServices(settings);
        using var second = new RolloutServices(settings);
        var users = Enumerable.Range(0, 2000).Select(i => new HelpUser { Id = "person-" + i }).ToList();

        var firstAnswers = users.Select(u => first.Rollout.ShowsLauncher(u, "/")).ToList();
        Assert.Equal(firstAnswers, users.Select(u => second.Rollout.ShowsLauncher(u, "/")));
        Assert.Equal(firstAnswers, users.Select(u => first.Rollout.ShowsLauncher(u, "/")));

        first.Change("""{ "Launcher": { "Audience": "Share", "Share": { "Percent": 40, "Key": "stable" } } }""");
        var raised = users.Select(u => first.Rollout.ShowsLauncher(u, "/")).ToList();
        Assert.All(Enumerable.Range(0, users.Count).Where(i => firstAnswers[i]), i => Assert.True(raised[i]));
        Assert.True(raised.Count(x => x) > firstAnswers.Count(x => x));

        first.Change("""{ "Launcher": { "Audience": "Share", "Share": { "Percent": 20, "Key": "another" } } }""");
        Assert.NotEqual(firstAnswers, users.Select(u => first.Rollout.ShowsLauncher(u, "/")));
    }

    [Fact]
    public void ShowsLauncher_Share_AnonymousAndEmptyIdsAreOutsideEvenAtAHundredPercent()
    {
        using var app = new RolloutServices("""{ "Launcher": { "Audience": "Share", "Share": { "Percent": 100, "Key": "k" } } }""");

        Assert.False(app.Rollout.ShowsLauncher(HelpUser.Anonymous, "/"));
        Assert.False(app.Rollout.ShowsLauncher(new HelpUser { Id = "" }, "/"));
        Assert.True(app.Rollout.ShowsLauncher(new HelpUser { Id = "someone" }, "/"));
    }

    [Theory]
    [InlineData("/", false)]
    [InlineData(null, false)]
    [InlineData("/expenses", true)]
    [InlineData("/Expenses/New?help=x#top", true)]
    [InlineData("/expenses-archive", false)]
    [InlineData("/orders/17/lines", true)]
    [InlineData("/orders/17/lines/3", true)]
    [InlineData("/orders/17", false)]
    [InlineData("/orders//lines", false)]
    [InlineData("/profile", false)]
    [InlineData("/%65xpenses/new", true)]
    public void ShowsLauncher_Routes_PrefixesByWholeSegmentAndStarForOneSegment(string? route, bool shown)
    {
        using var app = new RolloutServices("""{ "Launcher": { "Routes": [ "/expenses", "/orders/*/lines" ] } }""");

        Assert.Equal(shown, app.Rollout.ShowsLauncher(s_pilot, route));
    }

    [Fact]
    public void ShowsLauncher_RootRoutePattern_CoversEveryRouteAndAHostileRouteIsJustNotMatched()
    {
        using var app = new RolloutServices("""{ "Launcher": { "Routes": [ "/" ] } }""");
        using var narrow = new RolloutServices("""{ "Launcher": { "Routes": [ "/help" ] } }""");

        Assert.True(app.Rollout.ShowsLauncher(s_colleague, "/anything/at/all"));
        var hostile = "/" + new string('a', 100_000) + "\u0000<script>%ZZ";
        Assert.True(app.Rollout.ShowsLauncher(s_colleague, hostile));
        Assert.False(narrow.Rollout.ShowsLauncher(s_colleague, hostile));
        Assert.False(narrow.Rollout.ShowsLauncher(s_colleague, "/help%"));
    }

    [Fact]
    public void IsAreaLive_LiveAreas_OnlyThoseIgnoringCaseAndNotArticlesWithoutArea()
    {
        using var app = new RolloutServices("""{ "LiveAreas": [ "accounts-devices", "Working-Together" ] }""");

        Assert.True(app.Rollout.IsAreaLive("Accounts-Devices"));
        Assert.True(app.Rollout.IsAreaLive("working-together"));
        Assert.False(app.Rollout.IsAreaLive("pay-and-leave"));
        Assert.False(app.Rollout.IsAreaLive(null));
        Assert.False(app.Rollout.IsAreaLive(""));
    }

    [Fact]
    public void Change_ValidSettings_ApplyWithoutARestart()
    {
        using var app = new RolloutServices("""{ "LiveAreas": [ "a" ], "Launcher": { "Audience": "Roles", "Roles": [ "pilot" ] } }""");
        var monitor = app.Provider.GetRequiredService<IOptionsMonitor<HelpRolloutOptions>>();
        var changes = 0;
        using var subscription = monitor.OnChange((_, _) => changes++);
        Assert.False(app.Rollout.ShowsLauncher(s_colleague, "/"));
        Assert.False(app.Rollout.IsAreaLive("b"));

        app.Change("""{ "LiveAreas": [ "a", "b" ], "Launcher": { "Audience": "Everyone" } }""");

        Assert.True(changes > 0);
        Assert.True(app.Rollout.ShowsLauncher(s_colleague, "/"));
        Assert.True(app.Rollout.IsAreaLive("b"));
    }

    [Fact]
    public void Change_InvalidSettings_KeepTheLastGoodRolloutAndSayWhy()
    {
        using var app = new RolloutServices("""{ "Launcher": { "Audience": "Roles", "Roles": [ "pilot" ] } }""");
        Assert.True(app.Rollout.ShowsLauncher(s_pilot, "/"));
        Assert.False(app.Rollout.ShowsLauncher(s_colleague, "/"));

        var refused = Assert.IsType<OptionsValidationException>(app.Change("""{ "Launcher": { "Audience": "Pilots", "Share": { "Percent": 120 } } }"""));

        Assert.Contains(refused.Failures, f => f.Contains("'Pilots'", StringComparison.Ordinal));
        Assert.True(app.Rollout.ShowsLauncher(s_pilot, "/"));
        Assert.False(app.Rollout.ShowsLauncher(s_colleague, "/"));
        var logged = Assert.Single(app.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("the last good roll-out stays in force", logged.Message, StringComparison.Ordinal);
        Assert.Contains("'Pilots'", logged.Message, StringComparison.Ordinal);

        app.Change("""{ "Launcher": { "Audience": "Everyone" } }""");
        Assert.True(app.Rollout.ShowsLauncher(s_colleague, "/"));
    }

    [Fact]
    public void ShowsLauncher_NullUser_Throws()
    {
        using var app = new RolloutServices("{}");

        Assert.Throws<ArgumentNullException>("user", () => app.Rollout.ShowsLauncher(null!, "/"));
    }
}
