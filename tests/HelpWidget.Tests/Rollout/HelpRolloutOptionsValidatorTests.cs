using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.Tests.Rollout;

public sealed class HelpRolloutOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Pass() =>
        Assert.Empty(OptionsValidation<HelpRolloutOptions>.FailuresOf(new ServiceCollection().AddLogging().AddHelpWidget().Services));

    [Fact]
    public void Validate_UnknownAudience_NamesTheValueAndTheKinds()
    {
        var failure = OptionsValidation<HelpRolloutOptions>.SingleFailure(o => o.Launcher.Audience = "Pilots");

        Assert.Equal("HelpWidget:Rollout:Launcher:Audience is 'Pilots'; it must be one of Everyone, Roles, Claims, Share.", failure);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void Validate_ShareOutsideZeroToHundred_Fails(double percent)
    {
        var failure = OptionsValidation<HelpRolloutOptions>.SingleFailure(o => o.Launcher.Share.Percent = percent);

        Assert.StartsWith("HelpWidget:Rollout:Launcher:Share:Percent is ", failure, StringComparison.Ordinal);
        Assert.EndsWith("; it must be from 0 to 100.", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_ShareWithoutKey_SaysAKeyIsNeeded(string key)
    {
        var failure = OptionsValidation<HelpRolloutOptions>.SingleFailure(o =>
        {
            o.Launcher.Audience = "share";
            o.Launcher.Share = new HelpRolloutShare { Percent = 20, Key = key };
        });

        Assert.StartsWith("HelpWidget:Rollout:Launcher:Share:Key is empty; a share needs a secret key", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expenses", "it must start with '/'")]
    [InlineData("/expenses?x=1", "the character '?'")]
    [InlineData("/orders/ord*/lines", "'*' must be a whole segment")]
    [InlineData("/a//b", "an empty segment")]
    [InlineData("/a/../b", "'..' segment")]
    [InlineData("/a b", "a space or control character")]
    [InlineData("/a\u0000", "a space or control character")]
    [InlineData("/a\\b", "the character '\\'")]
    [InlineData("", "it is empty")]
    public void Validate_MalformedRoute_SaysWhatIsWrong(string route, string problem)
    {
        var failure = OptionsValidation<HelpRolloutOptions>.SingleFailure(o => o.Launcher.Routes = ["/fine", route]);

        Assert.StartsWith("HelpWidget:Rollout:Launcher:Routes:1 is ", failure, StringComparison.Ordinal);
        Assert.Contains(problem, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OverlongRoute_SaysTheLimit()
    {
        var failure = OptionsValidation<HelpRolloutOptions>.SingleFailure(o => o.Launcher.Routes = ["/" + new string('a', 300)]);

        Assert.Contains("it is 301 characters long; it may be at most 200", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pay and leave")]
    [InlineData("-leading")]
    [InlineData("../secrets")]
    [InlineData("<script>")]
    [InlineData("")]
    public void Validate_LiveAreaThatIsNotAnId_Fails(string area)
    {
        var failure = OptionsValidation<HelpRolloutOptions>.SingleFailure(o => o.LiveAreas = ["accounts", area]);

        Assert.StartsWith("HelpWidget:Rollout:LiveAreas:1 is ", failure, StringComparison.Ordinal);
        Assert.Contains("an area id is 1 to 128 letters, digits", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RolesAudienceWithoutRoles_SaysToNameThePilotRole()
    {
        var failure = OptionsValidation<HelpRolloutOptions>.SingleFailure(o => o.Launcher.Audience = "Roles");

        Assert.Contains("names none; add the role of the pilot group", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ClaimsAudienceWithAnIncompleteClaim_Fails()
    {
        var failure = OptionsValidation<HelpRolloutOptions>.SingleFailure(o =>
        {
            o.Launcher.Audience = "Claims";
            o.Launcher.Claims = [new HelpRolloutClaim { Type = "department", Value = "" }];
        });

        Assert.Equal("HelpWidget:Rollout:Launcher:Claims:0 has the type 'department' and the value ''; both must be 1 to 256 characters without control characters.", failure);
    }

    [Fact]
    public async Task Validate_AtStart_AnAppWithABadRolloutSectionDoesNotStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HelpWidget:Rollout:Launcher:Audience"] = "Share",
            ["HelpWidget:Rollout:Launcher:Share:Percent"] = "250",
        });
        builder.Services.AddHelpWidget();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("HelpWidget:Rollout:Launcher:Share:Percent is 250;", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("HelpWidget:Rollout:Launcher:Share:Key is empty;", StringComparison.Ordinal));
    }
}
