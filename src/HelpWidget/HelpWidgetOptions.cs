using System.Globalization;

namespace HelpWidget;

/// <summary>
/// Options of the HelpWidget engine and its components, bound from configuration or set in <c>AddHelpWidget()</c>.
/// Each backend has options of its own, set where it is added: the Markdown folders in <c>AddMarkdownContent()</c>,
/// the search engine's in <c>AddLuceneSearch()</c>, the store's in <c>AddSqliteStore()</c>.
/// </summary>
public sealed class HelpWidgetOptions
{
    /// <summary>
    /// Gets or sets the language the widget asks for, and records, for a user whose culture states no preference (the
    /// invariant culture), as a two-letter ISO 639-1 code; see <see cref="LanguageFor"/>. Give the backends the same
    /// language (the Markdown and Lucene options have a <c>DefaultLanguage</c> of their own). Defaults to <c>en</c>.
    /// </summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>Gets or sets the number of results a search shows, from 1 to 50. Defaults to 8.</summary>
    public int MaxResults { get; set; } = 8;

    /// <summary>Gets or sets the name of the host app, sent with tickets, at most 100 characters; <see langword="null"/> uses the host's application name. Defaults to <see langword="null"/>.</summary>
    public string? ApplicationName { get; set; }

    /// <summary>Gets how users reach people: the contact policy, the ticket form's categories and fields, and the other channels.</summary>
    public HelpContactOptions Contact { get; } = new();

    /// <summary>
    /// Gets or sets the app's route that shows an article as a page of its own, with <c>{id}</c> where the article's id
    /// goes, such as <c>/help/{id}</c>; the panel then offers "Open as a page". The path starts with one <c>/</c> and holds
    /// <c>{id}</c> once and otherwise only ASCII letters, digits, <c>/</c>, <c>_</c>, <c>-</c> and <c>.</c>, so it cannot lead
    /// to another site. <see langword="null"/> offers no such link. Defaults to <see langword="null"/>.
    /// </summary>
    public string? ArticlePagePath { get; set; }

    /// <summary>
    /// Gets the language the widget asks for, and records with tickets, feedback and searches, for a user whose
    /// user-interface culture is <paramref name="uiCulture"/>: the culture's name (such as <c>sv-SE</c>), or
    /// <see cref="DefaultLanguage"/> for the invariant culture, which states no preference. A process started with
    /// <c>LANG=C.UTF-8</c> (most containers) or in globalization-invariant mode runs in the invariant culture until the
    /// request localization middleware chooses one.
    /// </summary>
    /// <param name="uiCulture">The user's culture, usually <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>A language tag; never empty.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="uiCulture"/> is <see langword="null"/>.</exception>
    public string LanguageFor(CultureInfo uiCulture)
    {
        ArgumentNullException.ThrowIfNull(uiCulture);
        return uiCulture.Name.Length > 0 ? uiCulture.Name : DefaultLanguage;
    }

    /// <summary>Gets the address of the page that shows an article, from <see cref="ArticlePagePath"/>.</summary>
    /// <param name="articleId">The article's id.</param>
    /// <returns>The address, or <see langword="null"/> when no article page is configured.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="articleId"/> is <see langword="null"/>.</exception>
    public string? ArticlePageFor(string articleId)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        return ArticlePagePath?.Replace("{id}", Uri.EscapeDataString(articleId), StringComparison.Ordinal);
    }
}
