using System.Globalization;

namespace HelpWidget.Components;

/// <summary>
/// Settings for every <see cref="HelpPanel"/> in the app. Set them with
/// <see cref="ComponentsHelpWidgetBuilderExtensions.ConfigurePanel"/> or bind them from configuration; they are validated
/// when the app starts.
/// </summary>
public sealed class HelpPanelOptions
{
    /// <summary>The longest search hint accepted, in characters.</summary>
    public const int MaxSearchHintLength = 150;

    /// <summary>
    /// Gets or sets the hint shown under the search box, by language (an IETF tag such as <c>en</c> or <c>sv-FI</c>):
    /// examples that are true for this app's own articles, such as "For example: reset password, VPN". A user gets the
    /// hint of their UI culture, else of its parent language; a user whose language has none gets the widget's default,
    /// "Describe what you need help with, in your own words." in their language. Each hint is at most
    /// <see cref="MaxSearchHintLength"/> characters of valid Unicode text without control characters.
    /// Defaults to an empty dictionary whose keys are compared without regard to case.
    /// </summary>
    public IDictionary<string, string> SearchHints { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configured hint for a culture or its parent languages; <see langword="null"/> when there is none.</summary>
    internal string? SearchHintFor(CultureInfo culture)
    {
        for (var current = culture; !string.IsNullOrEmpty(current.Name); current = current.Parent)
        {
            // A dictionary set in code may compare keys by case; configuration writes them as people type them.
            var match = SearchHints.FirstOrDefault(h => string.Equals(h.Key, current.Name, StringComparison.OrdinalIgnoreCase));
            if (match.Key is not null)
            {
                return match.Value;
            }
        }

        return null;
    }
}
