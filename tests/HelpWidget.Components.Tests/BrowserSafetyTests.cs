namespace HelpWidget.Components.Tests;

/// <summary>The components run in WebAssembly too: what they compile against must exist in a browser.</summary>
public sealed class BrowserSafetyTests
{
    /// <summary>Assemblies a Blazor WebAssembly app has (or that are browser-safe abstractions); hosting, HTTP servers and the like are not among them.</summary>
    private static readonly string[] s_browserSafe =
    [
        "HelpWidget",
        "HelpWidget.Abstractions",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Authorization",
        "Microsoft.AspNetCore.Components.Forms",
        "Microsoft.AspNetCore.Components.Web",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
        "Microsoft.Extensions.Localization",
        "Microsoft.Extensions.Localization.Abstractions",
        "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.Options",
        "Microsoft.Extensions.Primitives",
        "Microsoft.JSInterop",
    ];

    [Fact]
    public void ComponentsAssembly_IsMarkedTrimmable() =>
        Assert.Contains(typeof(HelpLauncher).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false).Cast<System.Reflection.AssemblyMetadataAttribute>(),
            a => a is { Key: "IsTrimmable", Value: "True" });

    /// <summary>What would weigh down a browser's download: the regular expression engine (about 88 KB Brotli), reflection-based validation, a query string parser that brings three assemblies.</summary>
    [Theory]
    [InlineData("System.Text.RegularExpressions")]
    [InlineData("System.ComponentModel.Annotations")]
    [InlineData("Microsoft.Extensions.Options.DataAnnotations")]
    [InlineData("System.Web.HttpUtility")]
    [InlineData("System.Collections.Specialized")]
    public void ComponentsAssembly_DoesNotUseWhatWouldWeighDownABrowserApp(string heavy) =>
        Assert.DoesNotContain(heavy, typeof(HelpLauncher).Assembly.GetReferencedAssemblies().Select(a => a.Name));

    [Fact]
    public void ComponentsAssembly_ReferencesOnlyWhatABrowserHas()
    {
        var references = typeof(HelpLauncher).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        var serverOnly = references.Where(name => !name.StartsWith("System.", StringComparison.Ordinal) && name is not ("System" or "netstandard") && !s_browserSafe.Contains(name));

        Assert.Empty(serverOnly);
    }
}
