using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HelpWidget.Delivery.Tests;

// The receiver's check exactly as docs/delivery.md shows it (DocumentationTests keeps the two the same).
// <verify>
/// <summary>Checks that a webhook request comes from HelpWidget and was not changed or replayed later.</summary>
public static class WebhookSignature
{
    /// <summary>How far the request's timestamp may be from the receiver's clock.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Verifies the X-HelpWidget-Timestamp and X-HelpWidget-Signature headers against the raw body.</summary>
    public static bool Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds
            || signature is null || !signature.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan("sha256=".Length));
        }
        catch (FormatException)
        {
            return false;
        }

        byte[] signed = [.. Encoding.UTF8.GetBytes(timestamp + "."), .. body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
// </verify>
