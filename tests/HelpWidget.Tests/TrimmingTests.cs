using System.Reflection;

namespace HelpWidget.Tests;

/// <summary>The engine runs in WebAssembly apps, whose download the trimmer keeps small.</summary>
public sealed class TrimmingTests
{
    [Fact]
    public void Assembly_IsMarkedTrimmable()
    {
        var metadata = typeof(HelpWidgetOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>();

        Assert.Contains(metadata, a => a is { Key: "IsTrimmable", Value: "True" });
    }

    [Theory]
    [InlineData("System.Text.RegularExpressions")]
    [InlineData("System.ComponentModel.Annotations")]
    [InlineData("Microsoft.Extensions.Options.DataAnnotations")]
    public void Assembly_DoesNotUseWhatWouldWeighDownABrowserApp(string heavy) =>
        Assert.DoesNotContain(heavy, typeof(HelpWidgetOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name));
}
