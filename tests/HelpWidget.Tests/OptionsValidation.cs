using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Tests;

/// <summary>What an app whose options are <typeparamref name="TOptions"/> is told when it resolves them, as at start-up.</summary>
internal static class OptionsValidation<TOptions>
    where TOptions : class
{
    /// <summary>The validation failures; empty when the options are valid.</summary>
    public static IReadOnlyList<string> FailuresOf(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<TOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException error)
        {
            return [.. error.Failures];
        }
    }

    /// <summary>The one failure of options set up by <paramref name="configure"/> after <c>AddHelpWidget()</c>, checked to be safe to log.</summary>
    public static string SingleFailure(Action<TOptions> configure)
    {
        var failure = Assert.Single(FailuresOf(new ServiceCollection().AddLogging().AddHelpWidget().Services.Configure(configure)));
        Assert.DoesNotContain(failure, char.IsControl);
        return failure;
    }

    public static void AssertValid(Action<TOptions> configure) =>
        Assert.Empty(FailuresOf(new ServiceCollection().AddLogging().AddHelpWidget().Services.Configure(configure)));
}
