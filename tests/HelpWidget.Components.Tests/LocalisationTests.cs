using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Bunit;

namespace HelpWidget.Components.Tests;

public sealed partial class LocalisationTests : HelpWidgetTestContext
{
    private static readonly string s_resources = Path.Combine(AppContext.BaseDirectory, "Resources");

    public static TheoryData<string> Cultures() => [.. CultureFiles().Keys];

    [Fact]
    public void Resources_ShipTheNordicLanguages()
    {
        Assert.Equal(["da", "fi", "nb", "sv"], CultureFiles().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Resources_EveryCulture_HasExactlyTheEnglishKeys(string culture)
    {
        var english = Strings(Path.Combine(s_resources, "HelpWidgetStrings.resx"));
        var translated = Strings(CultureFiles()[culture]);

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
        Assert.All(translated, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"'{entry.Key}' is empty in {culture}."));
        Assert.Equal(culture, translated["Language"]);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Resources_EveryCulture_KeepsTheEnglishPlaceholders(string culture)
    {
        var english = Strings(Path.Combine(s_resources, "HelpWidgetStrings.resx"));
        var translated = Strings(CultureFiles()[culture]);

        foreach (var (key, text) in english)
        {
            var expected = Placeholders(text);
            Assert.True(
                expected.SequenceEqual(Placeholders(translated[key])),
                $"'{key}' in {culture} has placeholders [{string.Join(", ", Placeholders(translated[key]))}], English has [{string.Join(", ", expected)}].");

            // Stray braces would throw when the text is formatted on the page.
            var arguments = expected.Select(object (_) => "x").ToArray();
            _ = string.Format(CultureInfo.GetCultureInfo(culture), translated[key], arguments);
        }
    }

    [Theory]
    [InlineData("nb-NO", "Hjelp", "Søk i hjelpen")]
    [InlineData("da-DK", "Hjælp", "Søg i hjælpen")]
    [InlineData("fi-FI", "Ohje", "Hae ohjeista")]
    public void Launcher_NordicUser_GetsTheButtonAndSearchBoxInTheirLanguage(string culture, string help, string searchLabel)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var cut = Render<HelpLauncher>();

        cut.FindButton(help).Click();

        Assert.Equal(help, cut.Find($"#{cut.Find("[role=dialog]").GetAttribute("aria-labelledby")}").TextContent);
        Assert.NotNull(cut.FindByLabel(searchLabel));
        Assert.Equal(culture, Knowledge.Suggestions[^1].Language);
    }

    /// <summary>The culture resource files next to the English one, by culture name.</summary>
    private static Dictionary<string, string> CultureFiles() =>
        Directory.EnumerateFiles(s_resources, "HelpWidgetStrings.*.resx")
            .ToDictionary(path => Path.GetFileNameWithoutExtension(path)["HelpWidgetStrings.".Length..], StringComparer.Ordinal);

    private static Dictionary<string, string> Strings(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(data => (string)data.Attribute("name")!, data => (string?)data.Element("value") ?? string.Empty, StringComparer.Ordinal);

    private static string[] Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text).Select(match => match.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{[0-9]+(,-?[0-9]+)?(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
