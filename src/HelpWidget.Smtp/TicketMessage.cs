using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace HelpWidget.Smtp;

/// <summary>Turns a ticket into an e-mail message.</summary>
/// <remarks>
/// Every header value the user wrote passes through <see cref="OneLine"/> and MimeKit's encoder, so no line break
/// reaches a header; every text in the HTML body is HTML-encoded.
/// </remarks>
internal static class TicketMessage
{
    public static MimeMessage Create(TicketDelivery delivery, MailboxAddress from, IEnumerable<MailboxAddress> to, string messageIdDomain)
    {
        var ticket = delivery.Submission;
        var message = new MimeMessage
        {
            Subject = OneLine($"[{delivery.Reference}] {ticket.Subject}"),
            MessageId = MessageId(ticket.IdempotencyKey, messageIdDomain),
            Date = ticket.SubmittedAt,
        };
        message.From.Add(new MailboxAddress(from.Name, from.Address));
        message.To.AddRange(to.Select(a => new MailboxAddress(a.Name, a.Address)));
        if (ReplyTo(ticket) is { } replyTo)
        {
            message.ReplyTo.Add(replyTo);
        }

        message.Headers.Add("X-HelpWidget-Reference", OneLine(delivery.Reference));
        message.Headers.Add("X-HelpWidget-Idempotency-Key", OneLine(ticket.IdempotencyKey));

        var body = new BodyBuilder { TextBody = TextBody(delivery), HtmlBody = HtmlBody(delivery) };
        foreach (var attachment in ticket.Attachments)
        {
            var part = (MimePart)body.Attachments.Add(FileName(attachment.FileName), attachment.Content.ToArray(), ContentTypeOf(attachment));

            // Base64 carries the bytes unchanged, whatever the servers on the way do to line endings.
            part.ContentTransferEncoding = ContentEncoding.Base64;
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The same ticket always gets the same id, so receivers that deduplicate by it create one case however often it is sent.</summary>
    public static string MessageId(string idempotencyKey, string domain)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("helpwidget-ticket\n" + idempotencyKey));
        return $"ticket.{Convert.ToHexStringLower(hash, 0, 16)}@{domain}";
    }

    /// <summary>Control, line-break and invisible formatting characters become spaces: a header value stays one line.</summary>
    public static string OneLine(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogatePair(value, i))
            {
                builder.Append(c).Append(value[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) || IsInvisible(c) ? ' ' : c);
            }
        }

        return builder.ToString().Trim();
    }

    private static MailboxAddress? ReplyTo(TicketSubmission ticket)
    {
        if (!TicketSubmission.IsValidEmail(ticket.Email) || !SmtpSinkOptionsValidator.TryParseMailbox(ticket.Email, out var mailbox))
        {
            return null;
        }

        mailbox.Name = OneLine(ticket.Name);
        return mailbox;
    }

    private static string FileName(string? name)
    {
        var safe = OneLine(name);
        safe = safe[(safe.LastIndexOfAny(['/', '\\']) + 1)..];
        return safe.Length == 0 ? "attachment" : safe;
    }

    private static ContentType ContentTypeOf(TicketAttachment attachment) =>
        ContentType.TryParse(attachment.ContentType ?? string.Empty, out var type) ? type : new ContentType("application", "octet-stream");

    private static string TextBody(TicketDelivery delivery)
    {
        var ticket = delivery.Submission;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{OneLine(ticket.Subject)}\n\n");
        foreach (var (label, value) in Summary(delivery))
        {
            text.Append(CultureInfo.InvariantCulture, $"{label}: {value}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nDescription\n\n{Text(ticket.Description)}\n");
        AppendList(text, "Details", ticket.Fields);
        AppendList(text, "Context", ticket.Context);
        if (ticket.Attachments.Count > 0)
        {
            text.Append("\nAttachments\n");
            foreach (var attachment in ticket.Attachments)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {FileName(attachment.FileName)} ({OneLine(attachment.ContentType)}, {Size(attachment.Content.Length)})\n");
            }
        }

        return text.ToString();

        static void AppendList(StringBuilder text, string title, IReadOnlyDictionary<string, string> values)
        {
            if (values.Count == 0)
            {
                return;
            }

            text.Append(CultureInfo.InvariantCulture, $"\n{title}\n");
            foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                // Continuation lines are indented, so a value can never pass for another entry.
                text.Append(CultureInfo.InvariantCulture, $"- {OneLine(key)}: {Text(value).Replace("\n", "\n  ", StringComparison.Ordinal)}\n");
            }
        }
    }

    private static string HtmlBody(TicketDelivery delivery)
    {
        var ticket = delivery.Submission;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{Html(OneLine(ticket.Language ?? "en"))}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{Html(OneLine(ticket.Subject))}</title>\n</head>\n<body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Html(OneLine(ticket.Subject))}</h1>\n<dl>\n");
        foreach (var (label, value) in Summary(delivery))
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>{label}</dt><dd>{Html(value)}</dd>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"</dl>\n<h2>Description</h2>\n<p>{Html(ticket.Description)}</p>\n");
        AppendList(html, "Details", ticket.Fields);
        AppendList(html, "Context", ticket.Context);
        if (ticket.Attachments.Count > 0)
        {
            html.Append("<h2>Attachments</h2>\n<ul>\n");
            foreach (var attachment in ticket.Attachments)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{Html(FileName(attachment.FileName))} ({Html(OneLine(attachment.ContentType))}, {Size(attachment.Content.Length)})</li>\n");
            }

            html.Append("</ul>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();

        static void AppendList(StringBuilder html, string title, IReadOnlyDictionary<string, string> values)
        {
            if (values.Count == 0)
            {
                return;
            }

            html.Append(CultureInfo.InvariantCulture, $"<h2>{title}</h2>\n<dl>\n");
            foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                html.Append(CultureInfo.InvariantCulture, $"<dt>{Html(OneLine(key))}</dt><dd>{Html(value)}</dd>\n");
            }

            html.Append("</dl>\n");
        }
    }

    /// <summary>The facts listed under the subject in both bodies, one line each.</summary>
    private static IEnumerable<(string Label, string Value)> Summary(TicketDelivery delivery)
    {
        var ticket = delivery.Submission;
        yield return ("Reference", OneLine(delivery.Reference));
        yield return ("From", OneLine($"{ticket.Name} <{ticket.Email}>"));
        yield return ("Submitted", ticket.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        if (ticket.Category is { } category)
        {
            yield return ("Category", OneLine(category));
        }

        if (ticket.Language is { } language)
        {
            yield return ("Language", OneLine(language));
        }

        if (ticket.Route is { } route)
        {
            yield return ("Page", OneLine(route));
        }
    }

    /// <summary>Plain text with line breaks as <c>\n</c> and no other control characters.</summary>
    private static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        var normalized = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsSurrogatePair(normalized, i))
            {
                builder.Append(c).Append(normalized[++i]);
            }
            else if (c is '\n' or '\t')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) || char.IsControl(c) ? ' ' : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>HTML-encoded text whose line breaks become <c>&lt;br&gt;</c>.</summary>
    private static string Html(string? value) => WebUtility.HtmlEncode(Text(value)).Replace("\n", "<br>\n", StringComparison.Ordinal);

    private static bool IsInvisible(char c) => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string Size(int bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
