using System.Globalization;
using System.Resources;

namespace HelpWidget.AspNetCore;

/// <summary>
/// The tag helpers' text in the request's UI culture (Resources/TagHelperStrings.*.resx), worded as the Blazor
/// components' field help is, so a field's button has the same name in every host.
/// </summary>
internal static class TagHelperText
{
    private static readonly ResourceManager s_resources = new("HelpWidget.AspNetCore.TagHelpers.Resources.TagHelperStrings", typeof(TagHelperText).Assembly);

    /// <summary>The accessible name of a field's help button: "Help with <paramref name="label"/>", or "Help" without a label.</summary>
    public static string FieldHelpName(string? label) => string.IsNullOrWhiteSpace(label)
        ? Text("FieldHelpButton")
        : Text("FieldHelpButtonFor").Replace("{0}", label.Trim(), StringComparison.Ordinal);

    private static string Text(string name) => s_resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
