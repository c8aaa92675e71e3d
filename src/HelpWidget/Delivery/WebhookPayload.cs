using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HelpWidget.Delivery;

/// <summary>The webhook's JSON body and its signature, as documented in docs/delivery.md.</summary>
internal static class WebhookPayload
{
    /// <summary>Writes the body; the same ticket always gives the same bytes, whatever the attempt.</summary>
    public static byte[] Serialize(TicketDelivery delivery)
    {
        var ticket = delivery.Submission;
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("reference", delivery.Reference);
            json.WriteString("idempotencyKey", delivery.IdempotencyKey);
            json.WriteString("subject", ticket.Subject);
            json.WriteString("description", ticket.Description);
            json.WriteString("category", ticket.Category);
            WriteMap(json, "fields", ticket.Fields);
            json.WriteString("name", ticket.Name);
            json.WriteString("email", ticket.Email);
            json.WriteString("language", ticket.Language);
            json.WriteString("route", ticket.Route);
            WriteMap(json, "context", ticket.Context);
            json.WriteString("submittedAt", ticket.SubmittedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteStartArray("attachments");
            foreach (var attachment in ticket.Attachments)
            {
                json.WriteStartObject();
                json.WriteString("fileName", attachment.FileName);
                json.WriteString("contentType", attachment.ContentType);
                json.WriteNumber("size", attachment.Content.Length);
                json.WriteBase64String("content", attachment.Content.Span);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Gets the lower-case hex HMAC-SHA256 of <c>timestamp + "." + body</c> under the secret.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
