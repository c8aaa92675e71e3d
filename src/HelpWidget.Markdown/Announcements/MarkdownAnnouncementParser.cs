using System.Globalization;

namespace HelpWidget.Markdown;

/// <summary>
/// Reads an announcement from a Markdown file: the article front matter (id, title, language, audience, contexts)
/// plus <c>severity</c> (info, warning, outage), <c>starts</c>, <c>ends</c> and <c>timezone</c>.
/// </summary>
/// <remarks>
/// <c>starts</c> and <c>ends</c> are ISO 8601 date-times. Without an offset they are read in <c>timezone</c>
/// (an IANA or Windows id such as <c>Europe/Stockholm</c>), else in UTC; so "08:00 in Oslo" stays 08:00 in Oslo
/// across summer time.
/// </remarks>
internal static class MarkdownAnnouncementParser
{
    private static readonly string[] s_formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    public static (HelpAnnouncement? Announcement, string? Error) Parse(string text, string relativePath, string defaultLanguage)
    {
        var (article, error) = MarkdownArticleParser.Parse(text, relativePath, defaultLanguage);
        if (article is null)
        {
            return (null, error);
        }

        var (yaml, _, _) = MarkdownArticleParser.SplitFrontMatter(text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF'));
        var fields = MarkdownArticleParser.ReadFields(yaml);
        var severityText = MarkdownArticleParser.Scalar(fields, "severity").Trim();
        if (!TryParseSeverity(severityText, out var severity))
        {
            return (null, $"severity must be info, warning or outage, not '{Shorten(severityText)}'.");
        }

        TimeZoneInfo zone = TimeZoneInfo.Utc;
        var zoneText = MarkdownArticleParser.Scalar(fields, "timezone").Trim();
        if (zoneText.Length > 0 && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneText, out zone!))
        {
            return (null, $"timezone '{Shorten(zoneText)}' is not a known time zone id such as Europe/Stockholm.");
        }

        if (!TryParseTime(MarkdownArticleParser.Scalar(fields, "starts"), zone, out var starts))
        {
            return (null, "starts must be an ISO 8601 date and time, such as 2026-12-01T08:00 or 2026-12-01T08:00+01:00.");
        }

        if (!TryParseTime(MarkdownArticleParser.Scalar(fields, "ends"), zone, out var ends))
        {
            return (null, "ends must be an ISO 8601 date and time, such as 2026-12-01T12:00 or 2026-12-01T12:00+01:00.");
        }

        if (starts is not null && ends is not null && ends <= starts)
        {
            return (null, "ends must be later than starts.");
        }

        return (new HelpAnnouncement
        {
            Id = article.Id,
            Language = article.Language,
            Title = article.Title,
            Html = article.Html,
            Severity = severity,
            StartsAt = starts,
            EndsAt = ends,
            Audiences = article.Audiences,
            Contexts = article.Contexts,
        }, null);
    }

    private static bool TryParseSeverity(string text, out AnnouncementSeverity severity)
    {
        severity = AnnouncementSeverity.Info;
        switch (text.ToLowerInvariant())
        {
            case "" or "info" or "information":
                return true;
            case "warning":
                severity = AnnouncementSeverity.Warning;
                return true;
            case "outage":
                severity = AnnouncementSeverity.Outage;
                return true;
            default:
                return false;
        }
    }

    private static bool TryParseTime(string text, TimeZoneInfo zone, out DateTimeOffset? time)
    {
        time = null;
        text = text.Trim();
        if (text.Length == 0)
        {
            return true;
        }

        if (text.Length > 40)
        {
            return false;
        }

        if (DateTime.TryParseExact(text, s_formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            // A wall-clock time in the announcement's zone; a time skipped by a clock change moves past the gap.
            var offset = zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddHours(-1)) : zone.GetUtcOffset(local);
            time = new DateTimeOffset(local, offset);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
        {
            time = exact;
            return true;
        }

        return false;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
