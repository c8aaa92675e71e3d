using System.Security.Cryptography;
using System.Text;

namespace HelpWidget.Insights;

/// <summary>Turns user ids into <see cref="HelpEvent.UserKey"/>: HMAC-SHA256 under a secret key, the first 16 bytes in hexadecimal.</summary>
internal static class UserKeys
{
    public const int MinSecretLength = 32;

    public static byte[]? DecodeSecret(string secret)
    {
        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var written) && written >= MinSecretLength ? buffer[..written] : null;
    }

    /// <param name="secret">The key.</param>
    /// <param name="kind">What <paramref name="id"/> is (<c>user</c> or <c>anonymous</c>), so that a user id cannot collide with a session's.</param>
    /// <param name="id">The id.</param>
    public static string Hash(byte[] secret, string kind, string id)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(kind + ":" + id), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
